"""The API for HR systems (SIRH) and partners, under /api/v1/ (README, "API").

Machine clients (`ApiClient`) authenticate with OAuth 2.0 client credentials; each has scopes and
the organisation units it may see (with every unit below them). Reads go through the same
querysets as the site, writes through the same services as the managers' screens.
"""
