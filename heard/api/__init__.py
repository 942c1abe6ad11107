"""JSON API with an OpenAPI schema, served under /api/ (schema at /api/openapi.json).

Public endpoints need no sign-in; staff endpoints take a signed, expiring bearer token from
POST /api/staff/token. The public submit endpoint is token-free and CSRF-free by design (no
cookies are used, and the contribution is always anonymous), so it must be rate-limited at the
reverse proxy, as must the token endpoint.
"""
