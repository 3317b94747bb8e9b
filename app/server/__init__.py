"""The county server: FastAPI over its own store (PostgreSQL in production), and its admin CLI."""
