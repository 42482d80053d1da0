"""Certification (#5): what surrounds the `Certificate` model and its services.

- `receivers`: issue the certificate when an enrolment is completed (or a later quiz attempt
  lifts the average), through a task;
- `tasks`: issuance, PDF generation and the "certificat délivré" e-mail, each idempotent;
- `pdf`: the PDF (WeasyPrint, DSFR style, QR code to the verification page), stored privately;
- `selectors`: the certificates section of "Mon espace";
- `ratelimit`: the verification page's limit on lookups by code;
- `admin`: the administrators' "Certificats" listing in the Wagtail admin (filters, search,
  CSV export, revocation).

The model is `learners.models.Certificate`, the writes `learners.certification.services`, the
Open Badges 3.0 credentials `learners.certification.openbadges`, the views
`learners.certification.views`.
"""
