"""Sync between a township PC and the county server: protocol (shared), client, merge."""
