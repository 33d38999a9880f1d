from situok_kit.migrate import run_env
from travel.models import Base

run_env(Base.metadata)
