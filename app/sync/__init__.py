"""Sync between a township PC and the county server: protocol (shared), client, merge.

- `protocol`  payloads both sides import (the server developer's).
- `client`    SyncClient: one requests session, gzip, timeouts, backoff, token, clock, version.
- `engine`    one sync: clock/version check → push → pull → evidence; `sync_now(store, paths=…)`.
- `push` / `pull`  outbox batches judged by the server; paged pull with field-level merge.
- `conflicts` the conflict panel's and the "需要处理" list's service.
- `evidence`  resumable upload by SHA-256 and chunk; `reference` appliers per kind;
  `blocks` ServerBlockSource for document numbers; `enroll` and `cli` (enroll, sync).
"""
