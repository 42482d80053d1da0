"""Learning records as xAPI 1.0.3 statements, sent to a Learning Record Store (LRS).

- statements: the builders, one per kind of learning event (pure functions of the rows);
- models: `StatementOutbox`, the transactional outbox;
- receivers: write a statement in the transaction of each learning event (model saves and the
  learning capability's in-transaction signals);
- services: `record` (the outbox write), `send_pending` (the drain), `forget_agent` (erasure),
  `rebuild_period` (resend a period from the database);
- lrs: the HTTP client of the LRS's statements resource;
- tasks: `send_pending_statements`, queued after each commit that recorded a statement.
"""
