"""FastAPI dependencies: the session factory (overridable in tests) and the caller's credential."""

from __future__ import annotations

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session, sessionmaker

from app.server.accounts import Credential, authenticate

bearer = HTTPBearer(auto_error=False, description="设备访问令牌（POST /token 获取）")


def get_sessions(request: Request) -> sessionmaker[Session]:
    return request.app.state.sessions


def current_device(
    request: Request,
    auth: HTTPAuthorizationCredentials | None = Depends(bearer),
    sessions: sessionmaker[Session] = Depends(get_sessions),
) -> Credential:
    """The verified caller. Every squad-scoped query uses `credential.squad_id` and nothing else."""
    with sessions.begin() as session:
        cred = authenticate(session, auth.credentials if auth else None)
    request.state.device_id = cred.device_id
    request.state.squad_id = cred.squad_id
    return cred
