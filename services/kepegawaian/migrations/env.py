from kepegawaian.models import Base
from situok_kit.migrate import run_env

run_env(Base.metadata)
