# How the Keras name-table generator (tools/gen-keras-loader.py) and the resolver differential
# (tests/oracle/resolver_diff.py) name and classify a Python object. Both splice this text into the
# child script they run inside a venv, so the tables and the differential can never disagree on it.
# The child defines `types` and `SAVEABLE` (KerasSaveable, or None) before these are called.

def canon(o):
    if isinstance(o, types.ModuleType):
        return o.__name__
    m, q = getattr(o, "__module__", None), getattr(o, "__qualname__", None)
    if isinstance(m, str) and isinstance(q, str) and (isinstance(o, type) or callable(o)):
        return m + "." + q
    return "<" + type(o).__name__ + ">"

def kind(o):
    if isinstance(o, types.ModuleType):
        return "M"
    if isinstance(o, type):
        if SAVEABLE is not None and issubclass(o, SAVEABLE):
            return "S"
        return "C" if hasattr(o, "from_config") else "c"
    if isinstance(o, types.FunctionType):
        return "F"
    try:
        if hasattr(o, "from_config"):
            return "P"
    except Exception:
        pass
    return "B" if callable(o) else "V"
