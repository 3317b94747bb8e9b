"""The county server: FastAPI over its own store (PostgreSQL in production), and its admin CLI.

Endpoints (payloads in app.sync.protocol; all but the first three need `Authorization: Bearer`):
  GET  /info                                     server time, version, minimum client version
  POST /enroll                                   one-time code + device name → device id and secret
  POST /token                                    device id + secret → 15-minute access token
  POST /push                                     a batch of outbox operations → a result per op
  POST /pull                                     changes after a cursor, paged; reference data
  POST /evidence/uploads                         start or resume an upload: offsets already held
  PUT  /evidence/uploads/{sha256}/chunks/{offset}  one 256 KB chunk (optional X-Chunk-Sha256)
  POST /evidence/uploads/{sha256}/complete       whole-file hash check; complete or discarded
  GET  /evidence/{sha256}/chunks/{offset}        download a chunk of a complete file
  POST /blocks/lease                             a block of document numbers for this PC

Modules: main (app, error mapping), routes, deps (credential), wire (gzip bodies, limits, JSON
access log), accounts, sync_service, merge, evidence, numbers, reference, security, audit,
models, db (engine, migrations), cli (`squaddesk-server`).
"""
