"""Roles and the one check services use: a role is enforced in the service, not by hiding a button.

Services call `require(actor, Permission.APPROVE_FILING)`; the UI may also ask `allowed(...)` to
grey out a button, but the service check is the one that counts.
"""

from __future__ import annotations

import enum

from app.context import Actor
from app.errors import Forbidden


class Role(str, enum.Enum):
    CLERK = "clerk"          # 内勤/文书
    OFFICER = "officer"      # 执法队员
    LEADER = "leader"        # 中队长
    REVIEWER = "reviewer"    # 法制审核员
    ADMIN = "admin"          # 管理员

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.CLERK: "内勤/文书",
    Role.OFFICER: "执法队员",
    Role.LEADER: "中队长",
    Role.REVIEWER: "法制审核员",
    Role.ADMIN: "管理员",
}


class Permission(str, enum.Enum):
    REGISTER_CASE = "register_case"
    EDIT_CASE = "edit_case"
    APPROVE_FILING = "approve_filing"
    LEGAL_REVIEW = "legal_review"
    DECIDE = "decide"
    APPLY_SEAL = "apply_seal"
    CLOSE_CASE = "close_case"
    ISSUE_DOCUMENT = "issue_document"
    PRINT_DOCUMENT = "print_document"
    MANAGE_USERS = "manage_users"
    IMPORT_ROSTER = "import_roster"
    RESTORE_BACKUP = "restore_backup"


PERMISSION_LABELS = {
    Permission.REGISTER_CASE: "登记案件",
    Permission.EDIT_CASE: "编辑案件",
    Permission.APPROVE_FILING: "审批立案",
    Permission.LEGAL_REVIEW: "法制审核",
    Permission.DECIDE: "作出处理决定",
    Permission.APPLY_SEAL: "加盖印章",
    Permission.CLOSE_CASE: "审批结案",
    Permission.ISSUE_DOCUMENT: "签发文书",
    Permission.PRINT_DOCUMENT: "打印文书",
    Permission.MANAGE_USERS: "管理用户",
    Permission.IMPORT_ROSTER: "导入执法人员名册",
    Permission.RESTORE_BACKUP: "恢复备份",
}

GRANTS: dict[Role, frozenset[Permission]] = {
    Role.CLERK: frozenset({
        Permission.REGISTER_CASE, Permission.EDIT_CASE, Permission.ISSUE_DOCUMENT,
        Permission.PRINT_DOCUMENT,
    }),
    Role.OFFICER: frozenset({
        Permission.REGISTER_CASE, Permission.EDIT_CASE, Permission.PRINT_DOCUMENT,
    }),
    Role.LEADER: frozenset({
        Permission.REGISTER_CASE, Permission.EDIT_CASE, Permission.APPROVE_FILING,
        Permission.DECIDE, Permission.APPLY_SEAL, Permission.CLOSE_CASE,
        Permission.ISSUE_DOCUMENT, Permission.PRINT_DOCUMENT,
    }),
    Role.REVIEWER: frozenset({Permission.LEGAL_REVIEW, Permission.PRINT_DOCUMENT}),
    Role.ADMIN: frozenset({
        Permission.MANAGE_USERS, Permission.IMPORT_ROSTER, Permission.RESTORE_BACKUP,
    }),
}


def allowed(actor: Actor, permission: Permission) -> bool:
    return any(permission in GRANTS.get(Role(r), frozenset()) for r in actor.roles if r in Role._value2member_map_)


def require(actor: Actor, permission: Permission) -> None:
    if not allowed(actor, permission):
        held = "、".join(Role(r).label for r in sorted(actor.roles) if r in Role._value2member_map_) or "无角色"
        raise Forbidden(
            f"{actor.user}（{held}）无权{PERMISSION_LABELS[permission]}，请由具有相应角色的人员操作。"
        )
