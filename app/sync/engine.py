"""One sync of this PC with the county: clock and version check, push, pull, evidence upload.

    report = sync_now(store, paths_root_settings..., progress=...)

`SyncEngine` holds nothing that matters across a crash: every step commits what it learned
before the next begins (outbox states with the push acknowledgement, the cursor with the pulled
page, "uploaded" only after the server confirmed the file's hash), so an interruption anywhere
is repaired by simply syncing again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import requests

from app.clock import utc_now
from app.context import Actor
from app.db.store import Store
from app.errors import Invalid, SyncFailed, SyncFailure
from app.progress import Progress, no_progress
from app.settings import Preferences
from app.sync import state
from app.sync.client import SyncClient
from app.sync.evidence import EvidenceReport, Uploader, chunk_size_setting
from app.sync.pull import Puller, PullReport
from app.sync.push import Pusher, PushReport

log = logging.getLogger(__name__)

SYNC_USER = "sync"
INFO_EVERY_S = 30 * 60


@dataclass
class SyncReport:
    push: PushReport = field(default_factory=PushReport)
    pull: PullReport = field(default_factory=PullReport)
    evidence: EvidenceReport = field(default_factory=EvidenceReport)
    clock_warning: str | None = None

    def summary(self) -> str:
        parts = [f"上传 {self.push.sent} 项", f"下载 {self.pull.changes} 项"]
        if self.push.conflicts or self.pull.conflicts:
            parts.append(f"冲突 {self.push.conflicts + self.pull.conflicts} 处")
        if self.push.parked:
            parts.append(f"需要处理 {self.push.parked} 项")
        if self.pull.waiting:
            parts.append(state.incoming_parked_line(self.pull.waiting))
        if self.evidence.uploaded:
            parts.append(f"证据文件 {self.evidence.uploaded} 个")
        return "同步完成：" + "，".join(parts)


@dataclass(frozen=True)
class Enrollment:
    server_url: str
    ca_file: str | None
    device_id: str
    squad_id: str


def enrollment(store: Store) -> Enrollment | None:
    with store.read() as session:
        url = state.get(session, state.K_SERVER)
        device = state.get(session, state.K_DEVICE)
        squad = state.get(session, state.K_SQUAD)
        ca = state.get(session, state.K_CA)
    if not url or not device or not squad:
        return None
    return Enrollment(url, ca or None, device, squad)


def device_secret() -> str | None:
    from app.credentials import get_secret  # noqa: PLC0415

    return get_secret(state.DEVICE_SECRET)


class SyncEngine:
    """Runs syncs for one store. `client_factory(enrollment)` builds the SyncClient (tests hand
    in one over an in-process transport)."""

    def __init__(
        self,
        store: Store,
        *,
        client_factory: Callable[[Enrollment], SyncClient] | None = None,
        secret: Callable[[], str | None] = device_secret,
        session: requests.Session | None = None,
        page_size: int | None = None,
        paths=None,  # noqa: ANN001 - AppPaths: evidence files are uploaded from its store
    ) -> None:
        self.store = store
        self._secret = secret
        self._session = session
        self._client_factory = client_factory or self._default_client
        self.page_size = page_size
        self.paths = paths
        self._token: object | None = None        # TokenResponse, memory only
        self._enrolled: Enrollment | None = None
        self._info_at: float | None = None
        self._link_slow = False                  # the evidence uploader's last measure

    def _default_client(self, enrolled: Enrollment) -> SyncClient:
        return SyncClient(enrolled.server_url, ca_path=enrolled.ca_file,
                          device_id=enrolled.device_id, secret=self._secret,
                          session=self._session)

    def actor(self, enrolled: Enrollment) -> Actor:
        return Actor(user=SYNC_USER, squad_id=enrolled.squad_id, device_id=enrolled.device_id)

    def run(self, progress: Progress = no_progress, *, evidence: bool = True) -> SyncReport:
        enrolled = self._enrolled or enrollment(self.store)
        self._enrolled = enrolled
        if enrolled is None:
            raise SyncFailed("本机尚未登记到县局服务器，请先用县局发放的登记码登记。",
                             kind=SyncFailure.AUTH)
        report = SyncReport()
        actor = self.actor(enrolled)
        try:
            with self._client_factory(enrolled) as client:
                client.progress = progress
                self._check_server(client)
                client.adopt_token(self._token)       # type: ignore[arg-type]
                if not client.has_token():
                    client.login()
                self._token = client.token_info
                report.push = Pusher(client, self.store, actor, enrolled.device_id).run(progress)
                puller = Puller(client, self.store, actor)
                if self.page_size:
                    puller.page_size = self.page_size
                report.pull = puller.run(progress)
                if evidence:
                    uploader = Uploader(client, self.store, self._sources(),
                                        chunk_size=self._chunk_size_setting(),
                                        slow=self._link_slow)
                    try:
                        report.evidence = uploader.run(progress)
                    finally:
                        self._link_slow = uploader.slow
                report.clock_warning = client.clock_warning
        except BaseException as exc:
            # After a failure the server may know more than we heard (a push applied, its answer
            # lost): the next run logs in afresh and learns the audit head the server recorded.
            self._token, self._enrolled = None, None
            if isinstance(exc, SyncFailed):
                if exc.kind in (SyncFailure.AUTH, SyncFailure.VERSION):
                    self._info_at = None
                self._remember(actor, error=str(exc), clock=None)
            raise
        self._remember(actor, error=None, clock=report.clock_warning, success=True)
        log.info("sync done: pushed %d, pulled %d, parked %d, incoming parked %d, conflicts %d",
                 report.push.sent, report.pull.changes, report.push.parked, report.pull.waiting,
                 report.push.conflicts + report.pull.conflicts)
        return report

    def _chunk_size_setting(self) -> int | None:
        """Preferences.extra["evidence_chunk_kb"], when the engine knows the data folder."""
        if self.paths is None:
            return None
        try:
            prefs = Preferences.load(self.paths.settings_file)
        except Invalid:
            return None                      # a damaged settings file is reported elsewhere
        return chunk_size_setting(prefs.extra.get("evidence_chunk_kb"))

    def _sources(self) -> list:
        from app.sync.evidence import _sources, data_folder_source  # noqa: PLC0415

        extra = [data_folder_source(self.paths)] if self.paths is not None else []
        return [*extra, *_sources]

    def _check_server(self, client: SyncClient) -> None:
        """Clock and version gate: once per INFO_EVERY_S per engine (and after any refusal)."""
        now = time.monotonic()
        if self._info_at is None or now - self._info_at > INFO_EVERY_S:
            client.info()
            self._info_at = now

    def _remember(self, actor: Actor, *, error: str | None, clock: str | None,
                  success: bool = False) -> None:
        with self.store.write(actor, "sync.status", origin="sync") as session:
            state.put(session, state.K_LAST_ERROR, error)
            if success:
                state.put(session, state.K_LAST_SUCCESS, utc_now().isoformat())
                state.put(session, state.K_CLOCK_WARNING, clock)


def sync_now(store: Store, progress: Progress = no_progress, *, paths=None) -> SyncReport:  # noqa: ANN001
    """Sync the store with the server it was enrolled to (CLI, UI, scheduled task); with the
    data folder's `paths`, its evidence files are uploaded too."""
    return SyncEngine(store, paths=paths).run(progress)
