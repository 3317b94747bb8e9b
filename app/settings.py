"""User and deployment preferences as a dataclass saved to JSON in the data folder.

Facts that DOMAIN.md marks unconfirmed (reply periods, hearing thresholds, renewal windows…)
live here as settings with sensible defaults, never as constants in the rules.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from app.errors import Invalid


@dataclass
class Preferences:
    # Deployment: in whose name documents are issued (a squad is not an enforcement subject).
    issuing_authority: str = "崇州市综合行政执法局"
    authority_short: str = "崇综执"
    squad_name: str = "崇州市综合行政执法局怀远中队"
    review_body: str = "崇州市人民政府"
    court: str = "崇州市人民法院"
    payment_bank: str = "中国农业银行崇州市支行"
    payment_account: str = "2231 0101 0400 0123 4"
    verify_url: str = "https://zfj.chongzhou.example/verify"
    # Procedure settings (DOMAIN §1.3/§1.4: configurable, defaults from common practice).
    statement_reply_workdays: int = 3
    hearing_request_workdays: int = 5
    hearing_threshold_person_yuan: int = 2000
    hearing_threshold_org_yuan: int = 10000
    major_fine_person_yuan: int = 10000
    major_fine_org_yuan: int = 100000
    collective_discussion_person_yuan: int = 5000
    collective_discussion_org_yuan: int = 50000
    filing_check_workdays: int = 15
    # Officer certificates (DOMAIN §3: unconfirmed regime → settings).
    certificate_pattern: str = r"^[0-9A-Z]{6,20}$"
    renewal_window_days: int = 60
    training_hours_target: int = 60
    # Sync
    server_url: str = ""
    ca_bundle: str = ""
    sync_interval_minutes: int = 10
    extra: dict = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> "Preferences":
        if not path.exists():
            return cls()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise Invalid(f"设置文件 {path.name} 已损坏，无法读取：{exc}") from exc
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in known})

    def save(self, path: Path) -> None:
        """Write atomically: a power cut leaves either the old or the new file, never half."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(asdict(self), out, ensure_ascii=False, indent=2)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
