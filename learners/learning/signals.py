"""Signals sent by the learners services.

`enrolment_completed(sender=Enrolment, enrolment=<Enrolment>)`
    Sent once per enrolment when the agent has completed every required activity of the path
    (the enrolment is then "terminé", with `completed_at` set). It is sent after the transaction
    that recorded the completion commits (`transaction.on_commit`), so receivers read committed
    data and may start their own transactions or enqueue tasks. The certification (#5) connects
    the issuance of the certificate to it:

        from learners.learning.signals import enrolment_completed

        @receiver(enrolment_completed, dispatch_uid="certificates_issue_on_completion")
        def issue(sender, enrolment, **kwargs): ...

    It is not sent again when content is added to the path later (a completion already reached is
    kept), nor when an agent re-enrols in a path they had completed.

`enrolment_abandoned(sender=Enrolment, enrolment=<Enrolment>, user=<User>, path=<path page>)`
    Sent inside the transaction that marks the enrolment "abandonné" (the enrolment row is
    locked), so that what receivers write commits or rolls back with it. The sessions
    capability cancels the agent's upcoming registrations in the path, freeing their seats.

`enrolment_completing(sender=Enrolment, enrolment=<Enrolment>)`
    Sent inside the transaction that marks the enrolment "terminé" (its `completed_at` set),
    so that what receivers write commits or rolls back with the completion: the xAPI outbox
    records "completed the path" there.

`enrolment_reopened(sender=Enrolment, enrolment=<Enrolment>)`
    Sent inside the transaction in which an agent enrols again in a path they had abandoned
    (its `enrolled_at` is the new date): the xAPI outbox records "registered" again there. A
    new enrolment is a saved row (`post_save` with `created`).

`activity_opened(sender=Enrolment, enrolment=<Enrolment>, activity_id=<int>, at=<datetime>)`
    Sent when the learning view stores the activity the agent opened (at most every few minutes
    for the same one): the xAPI outbox records "launched" there.
"""

from django.dispatch import Signal

enrolment_completed = Signal()
enrolment_abandoned = Signal()
enrolment_completing = Signal()
enrolment_reopened = Signal()
activity_opened = Signal()
