"""The API's endpoints: catalogue and verification (public), records and assignments (clients)."""
