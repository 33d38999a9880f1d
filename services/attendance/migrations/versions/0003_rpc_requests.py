"""attendance: the kit's record of RPC writes, so a redelivered request is answered from it (situok_kit.replies)."""
from situok_kit.replies import downgrade, upgrade  # noqa: F401  (the kit's table, the same in every service)

revision = "0003"
down_revision = "0002"
