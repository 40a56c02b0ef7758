#!/usr/bin/env python3
"""Golden data for kaizen.core.python: what CPython 3.11 prints and evaluates.

Run from the repository root with Python 3.11:

    python3 src/test/python/gen_python_golden.py

It writes src/test/resources/golden/python/*.jsonl (and unicode.json). The Java tests read these
files; Python is not needed to run them. Output is deterministic: a fixed random seed, and the
script re-executes itself with PYTHONHASHSEED=0 so that the iteration order of sets of strings
(which repr prints) is stable.

Values are written in a typed encoding that the Java test decodes (see enc()):
  {"t": "none"} {"t": "bool", "v": true} {"t": "int", "v": "123"}
  {"t": "float", "v": "<16 hex digits: IEEE bits>"} {"t": "str", "v": "..."}
  {"t": "bytes"|"bytearray", "v": "<hex>"} {"t": "decimal", "v": "<constructor text>"}
  {"t": "list"|"tuple"|"set", "v": [...]} {"t": "dict", "v": [[k, v], ...]}
  {"t": "date", "v": [y, m, d]} {"t": "datetime", "v": [y, m, d, H, M, S, us]}
  {"t": "timedelta", "v": [days, seconds, microseconds]}
"""
import ast
import datetime
import decimal
import json
import os
import random
import struct
import sys
import unicodedata
import warnings

if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

if sys.version_info[:2] != (3, 11):
    sys.exit("run this with Python 3.11 (the version AgentBench uses); found " + sys.version)

warnings.simplefilter("ignore")
OUT = os.path.join("src", "test", "resources", "golden", "python")
rnd = random.Random(20240611)
D = decimal.Decimal


# ---------------------------------------------------------------- encoding

def float_bits(x):
    return struct.pack(">d", x).hex()


def enc(v):
    if v is None:
        return {"t": "none"}
    if isinstance(v, bool):
        return {"t": "bool", "v": v}
    if isinstance(v, int):
        return {"t": "int", "v": str(v)}
    if isinstance(v, float):
        return {"t": "float", "v": float_bits(v)}
    if isinstance(v, str):
        return {"t": "str", "v": v}
    if isinstance(v, bytes):
        return {"t": "bytes", "v": v.hex()}
    if isinstance(v, bytearray):
        return {"t": "bytearray", "v": bytes(v).hex()}
    if isinstance(v, D):
        return {"t": "decimal", "v": str(v)}
    if isinstance(v, list):
        return {"t": "list", "v": [enc(x) for x in v]}
    if isinstance(v, tuple):
        return {"t": "tuple", "v": [enc(x) for x in v]}
    if isinstance(v, (set, frozenset)):
        return {"t": "set", "v": [enc(x) for x in v]}
    if isinstance(v, dict):
        return {"t": "dict", "v": [[enc(k), enc(x)] for k, x in v.items()]}
    if isinstance(v, datetime.datetime):
        return {"t": "datetime", "v": [v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond]}
    if isinstance(v, datetime.date):
        return {"t": "date", "v": [v.year, v.month, v.day]}
    if isinstance(v, datetime.timedelta):
        return {"t": "timedelta", "v": [v.days, v.seconds, v.microseconds]}
    raise TypeError(type(v))


def representable(v):
    """Whether enc() can write v (complex, Ellipsis and the like cannot)."""
    try:
        enc(v)
        return True
    except TypeError:
        return False


def write_jsonl(name, rows):
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="ascii", newline="\n") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=True, sort_keys=True) + "\n")
    print(f"{path}: {len(rows)} rows")


# ---------------------------------------------------------------- value pools

def assigned_in_14(cp):
    return unicodedata.category(chr(cp)) != "Cn"


TRICKY_CHARS = (
    ["'", '"', "\\", "\n", "\r", "\t", "\x00", "\x07", "\x1b", "\x1f", " ", "\x7f", "\x80", "\x9f",
     "\xa0", "\xad", "\xe9", "\xff", "\u0100", "\u0301", "\u0378", "\u200b", "\u200d", "\u2028",
     "\u2029", "\u3000", "\u4e2d", "\u6587", "\ud800", "\udfff", "\ue000", "\ufeff", "\ufffd",
     "\ufffe", "\U0001f600", "\U0001f468\u200d\U0001f469", "\U000e0001", "\U000f0000", "\U0010ffff",
     "a", "Z", "0", "{", "}", "#", "%", "\u00b2", "\u0660", "\u1680", "\u2000", "\u00a7", "\U0001d400",
     "\u0085", "\u180e", "\u061c", "\u2066"]
)


def random_char():
    r = rnd.random()
    if r < 0.35:
        return rnd.choice(TRICKY_CHARS)
    if r < 0.6:
        return chr(rnd.randrange(0x20, 0x7f))
    while True:
        cp = rnd.randrange(0, 0x110000) if r < 0.8 else rnd.randrange(0, 0x3000)
        # Skip surrogates here (TRICKY_CHARS has lone ones) so that no high+low pair forms by
        # accident: Java cannot tell such a pair from the supplementary character it encodes.
        if 0xD800 <= cp <= 0xDFFF:
            continue
        if assigned_in_14(cp) or rnd.random() < 0.02:
            return chr(cp)


def no_surrogate_pair(s):
    for a, b in zip(s, s[1:]):
        if "\ud800" <= a <= "\udbff" and "\udc00" <= b <= "\udfff":
            return False
    return True


def random_str(max_len=12):
    while True:
        s = "".join(random_char() for _ in range(rnd.randrange(0, max_len + 1)))
        if no_surrogate_pair(s) and all(assigned_in_14(ord(c)) or ord(c) in (0x378, 0xfffe, 0x10ffff)
                                         or 0xD800 <= ord(c) <= 0xDFFF or unicodedata.category(c) == "Co"
                                         for c in s):
            return s


FIXED_STRS = [
    "", "a", "'", '"', "'\"", "it's", 'say "hi"', "both ' and \"", "back\\slash", "\\", "\\'", "a\nb",
    "tab\there", "cr\rlf\n", "\x00", "\x7f", "caf\xe9", "\u4e2d\u6587", "\U0001f600", "e\u0301",
    "zero\u200bwidth", "\u2028", "\u3000", "\xa0", "\xad", "\ufeff", "\ud800", "lone \udc00 low",
    "\ue000", "\U0010ffff", "\U000e0001", "\x1b[0m", "\x85", "Kaizen's \"test\"\n", "   ",
    "\u0378", "\ufffe", "\x01\x02\x03", "\x9f\xa0\xa1", "mixed 'single' only", 'mixed "double" only',
]

FIXED_FLOATS = [
    0.0, -0.0, 1.0, -1.0, 12.0, 0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3, 1e16, 1e15, 9999999999999998.0,
    1.2345e16, 123456789012345678.0, 1e-5, 1e-4, 0.0001234, 0.00001234, 123456789.123, 1e22, 1e23,
    1.7976931348623157e308, 2.2250738585072014e-308, 2.225073858507201e-308, 5e-324, 1e-323, 1.5e-323,
    2e-323, 2.5e-323, 3e-323, 4e-323, 4.4e-323, 1e-320, 123e-320, float("inf"), float("-inf"), float("nan"),
    100.0, 1e100, 1.5e300, 0.5, 0.25, 0.125, 3.14159, 2.718281828459045, 1e7, 12345678.9, 1e-7,
    9007199254740993.0, 4.35, 0.3, 1e21, 1.0000000000000002, 0.9999999999999999, -123.456, 5e-5,
    4.9406564584124654e-324, 7.5e-323, 9.9e-324,
]


def random_float():
    r = rnd.random()
    if r < 0.35:
        x = struct.unpack(">d", rnd.getrandbits(64).to_bytes(8, "big"))[0]
        return x
    if r < 0.45:
        # subnormals: few significant bits, where the shortest repr is subtle
        return struct.unpack(">d", rnd.getrandbits(rnd.choice([3, 8, 20, 52])).to_bytes(8, "big"))[0]
    if r < 0.7:
        return round(rnd.uniform(-1000, 1000), rnd.randrange(0, 8))
    if r < 0.85:
        return float(rnd.randrange(-10 ** 6, 10 ** 6)) * 10.0 ** rnd.randrange(-25, 25)
    return rnd.choice(FIXED_FLOATS)


FIXED_DECIMALS = [
    "1.50", "0.0000001", "100", "1e2", "-0.00", "0E-7", "0.000001", "1E+7", "NaN", "-NaN", "sNaN",
    "-sNaN12", "nan007", "Infinity", "-inf", "  1.5  ", ".5", "5.", "1e-7", "12345e-10", "0e5", "-0",
    "123.456e3", "1E-6", "0.1E-6", "1.0e-5", "000", "007.50", "1E+999999999", "-12.3400", "99999999999999999999.99",
    "0.00", "1e-6", "1.23456789012345678901234567890", "2E+1", "-1E-10", "0.0000010",
]


def random_decimal():
    if rnd.random() < 0.3:
        return D(rnd.choice(FIXED_DECIMALS))
    digits = str(rnd.randrange(0, 10 ** rnd.randrange(1, 12)))
    exp = rnd.randrange(-14, 8)
    sign = rnd.choice(["", "-"])
    return D(f"{sign}{digits}E{exp}")


def random_int():
    r = rnd.random()
    if r < 0.5:
        return rnd.randrange(-100, 100)
    if r < 0.8:
        return rnd.randrange(-10 ** 12, 10 ** 12)
    return rnd.randrange(-10 ** 40, 10 ** 40)


def random_bytes():
    pool = [0, 7, 9, 10, 13, 39, 34, 92, 127, 128, 255, 65, 97, 48, 32]
    return bytes(rnd.choice(pool) if rnd.random() < 0.5 else rnd.randrange(256) for _ in range(rnd.randrange(0, 10)))


def random_date():
    return datetime.date(rnd.randrange(1, 10000), rnd.randrange(1, 13), rnd.randrange(1, 29))


def random_datetime():
    sec = rnd.choice([0, 0, rnd.randrange(60)])
    us = rnd.choice([0, 0, 0, rnd.randrange(1000000), 500000])
    return datetime.datetime(rnd.randrange(1, 10000), rnd.randrange(1, 13), rnd.randrange(1, 29),
                             rnd.randrange(24), rnd.randrange(60), sec, us)


def random_timedelta():
    return rnd.choice([
        datetime.timedelta(0),
        datetime.timedelta(days=rnd.randrange(-1000, 1000)),
        datetime.timedelta(seconds=rnd.randrange(-200000, 200000)),
        datetime.timedelta(microseconds=rnd.randrange(-3000000, 3000000)),
        datetime.timedelta(days=rnd.randrange(-5, 5), seconds=rnd.randrange(86400), microseconds=rnd.randrange(10 ** 6)),
        datetime.timedelta(hours=-1),
    ])


def random_leaf(hashable_only=False):
    kinds = ["none", "bool", "int", "float", "str", "str", "bytes", "decimal", "date", "datetime", "timedelta"]
    if not hashable_only:
        kinds.append("bytearray")
    k = rnd.choice(kinds)
    return {
        "none": lambda: None,
        "bool": lambda: rnd.random() < 0.5,
        "int": random_int,
        "float": random_float,
        "str": lambda: random_str(8),
        "bytes": random_bytes,
        "bytearray": lambda: bytearray(random_bytes()),
        "decimal": random_decimal,
        "date": random_date,
        "datetime": random_datetime,
        "timedelta": random_timedelta,
    }[k]()


def random_hashable(depth):
    if depth <= 0 or rnd.random() < 0.7:
        v = random_leaf(hashable_only=True)
        if isinstance(v, D) and v.is_nan():
            return D("1.5")  # sNaN is unhashable; a quiet NaN hashes by address (unstable set order)
        if isinstance(v, float) and v != v:
            return 0.5
        return v
    return tuple(random_hashable(depth - 1) for _ in range(rnd.randrange(0, 4)))


def holds_none(v):
    return v is None or (isinstance(v, tuple) and any(holds_none(x) for x in v))


def random_value(depth=3):
    if depth <= 0 or rnd.random() < 0.4:
        return random_leaf()
    k = rnd.choice(["list", "tuple", "tuple1", "set", "dict", "list"])
    n = rnd.randrange(0, 5)
    if k == "list":
        return [random_value(depth - 1) for _ in range(n)]
    if k == "tuple":
        return tuple(random_value(depth - 1) for _ in range(n))
    if k == "tuple1":
        return (random_value(depth - 1),)
    if k == "set":
        # hash(None) is its address, so a set holding None would print in a different order on every
        # run; leave None out of sets to keep this script's output reproducible.
        return {x for x in (random_hashable(depth - 1) for _ in range(n)) if not holds_none(x)}
    return {random_hashable(depth - 1): random_value(depth - 1) for _ in range(n)}


# ---------------------------------------------------------------- repr

def gen_repr():
    values = []
    values += FIXED_STRS
    values += [random_str(16) for _ in range(1500)]
    values += FIXED_FLOATS
    values += [random_float() for _ in range(4000)]
    values += [k * 5e-324 for k in range(1, 300)]
    values += [D(s) for s in FIXED_DECIMALS] + [random_decimal() for _ in range(400)]
    values += [0, 1, -1, 10 ** 30, -(10 ** 30), True, False, None]
    values += [random_int() for _ in range(100)]
    values += [b"", b"'", b'"', b"'\"", b"\\", b"\x00\xff", bytearray(b""), bytearray(b"a'b")]
    values += [random_bytes() for _ in range(200)]
    values += [bytearray(random_bytes()) for _ in range(50)]
    values += [datetime.date(2020, 1, 5), datetime.datetime(2020, 1, 5, 13, 4), datetime.datetime(2020, 1, 5, 0, 0),
               datetime.datetime(2020, 1, 5, 13, 4, 5), datetime.datetime(2020, 1, 5, 13, 4, 0, 7),
               datetime.datetime(1, 1, 1), datetime.datetime(9999, 12, 31, 23, 59, 59, 999999)]
    values += [random_date() for _ in range(50)] + [random_datetime() for _ in range(100)]
    values += [datetime.timedelta(days=1, seconds=5), datetime.timedelta(0), datetime.timedelta(hours=-1),
               datetime.timedelta(microseconds=1), datetime.timedelta(days=-1, microseconds=5),
               datetime.timedelta(days=999999999, seconds=86399, microseconds=999999)]
    values += [random_timedelta() for _ in range(100)]
    values += [[], (), set(), {}, ("a",), (1,), [("a",)], [(1, "x")], [[1, [2, [3]]]], {1: "a"}, {"k": [1, 2]},
               [("O'Brien", 12.0, None)], [(D("1.50"), datetime.date(2020, 1, 5))], {1, 2, 3}, {"a"},
               (None,), [None], ((),), [[]], {(): ()}]
    values += [random_value() for _ in range(1500)]
    rows = [{"value": enc(v), "repr": repr(v)} for v in values]
    write_jsonl("repr.jsonl", rows)


# ---------------------------------------------------------------- literal eval

LITERAL_ALLOWED = (ast.Expression, ast.Constant, ast.Tuple, ast.List, ast.Set, ast.Dict, ast.UnaryOp,
                   ast.UAdd, ast.USub, ast.Invert, ast.Load, ast.JoinedStr)


def is_literal_tree(tree):
    for node in ast.walk(tree):
        if not isinstance(node, LITERAL_ALLOWED):
            return False
        if isinstance(node, ast.Dict) and any(k is None for k in node.keys):
            return False
        if isinstance(node, ast.JoinedStr) and not all(isinstance(x, ast.Constant) for x in node.values):
            return False
    return True


def literal_case(src):
    """What eval(src) gives, classified for the Java test."""
    try:
        value = eval(src, {"__builtins__": {}})
    except BaseException as e:  # SyntaxError, TypeError, NameError, MemoryError, RecursionError...
        return {"src": src, "expect": "error", "error": type(e).__name__}
    tree = ast.parse(src.lstrip(" \t"), mode="eval")
    if not is_literal_tree(tree):
        return {"src": src, "expect": "error", "error": "nonliteral"}
    if not representable(value):
        return {"src": src, "expect": "error", "error": "unsupported:" + type(value).__name__}
    return {"src": src, "expect": "value", "value": enc(value)}


FIXED_SOURCES = [
    "1", " 1", "\t1", "  \t 1", "-1", "+1", "--1", "- 1", "-+-1", "~1", "~-0", "-True", "+True", "~True", "-False",
    "-None", "+'a'", "-1.5", "--0.0", "-0.0", "+0.0", "~1.5", "1_000", "1__0", "1_", "0x_ff", "0xFF", "0X1f", "0x",
    "0x1_", "0xg", "0o17", "0O7", "0o8", "0b101", "0B1", "0b102", "0b_1_0", "0_b1", "00", "0_0", "0_1", "09", "09.5",
    "0_9.5", "00e0", "01e0", "01.", "0.", "0e", "1e", "1E+", "1e+5", "1e05", "1E-5", "1.5e+3_0", "1e1_0", "1_e5",
    "1.0_1", "1_.0", ".5", "._5", "5.", "5._", "1.e5", "1.e", "1._5", "1j", ".1j", "1e400", "-1e400", "1e-400",
    "123456789012345678901234567890", "0x7fffffffffffffffffffffff", "1" * 4300, "1" * 4301, "1" + "_0" * 4300,
    "0" * 5000, "-" + "1" * 4300, "1." + "0" * 500 + "1", "1abc", "1if 1 else 2", "1 2", "1,", ",", "1,2,", "1,,2",
    "(1)", "(1,)", "()", "(,)", "[]", "[,]", "[1,]", "[1,,2]", "{}", "{,}", "{1}", "{1,}", "{1:2}", "{1:2,}", "{1:}",
    "{:1}", "{1:2,3}", "{1,2:3}", "{1, 1.0}", "{1: 'a', 1.0: 'b', True: 'c'}", "{[1]}", "{[1]: 2}", "{(1, [2])}",
    "{(1, 2): 3}", "{1: [1]}", "{'a': {'b': ('c',)}}", "((1,),)", "(1,)[0]", "1 .real", "[1][0]", "-(1)", "-(1,)",
    "- -1", "-'a'", "None", "True", "False", "none", "true", "True,False", "(None,)", "[None,]", "Ellipsis", "...",
    "__debug__", "x", "abc", "'abc'", '"abc"', "'''abc'''", '"""abc"""', "''", '""', "''''''", '""""""',
    "'a' 'b'", "'a' \"b\" '''c'''", "'a'\n'b'", "('a'\n'b')", "'a' \\\n 'b'", "'a' # c\n", "'a' #", "b'a' 'b'",
    "b'a' b'b'", "'a' u'b'", "u'a' b'b'", "f'a' b'x'", "'a' f'b' 'c'", "r'\\n'", "R'\\n'", "rb'\\n'", "Rb'a'",
    "bR'a'", "BR'a'", "rB'a'", "br'\\x'", "b'\\x4'", "b'\\x41'", "b'\\u0041'", "b'\\N{BELL}'", "b'\\0'", "b'\\777'",
    "b'\\400'", "b'\\xff\\x80'", "b'\\x0a'", "b'\xe9'", "rb'\xe9'", "u'a'", "U'a'", "ur'a'", "ru'a'", "fb'a'",
    "f'a{{b}}'", "f'{{'", "f'}}'", "f'{'", "f'a}'", "F'a'", "fr'\\n{{'", "rf'a'", "f'\\{{'", "f'\\N{BELL}'",
    "f'{{}}'", "f'{1}'", "f'\\n'", "'\\N{LATIN SMALL LETTER A}'", "'\\N{latin small letter a}'",
    "'\\N{ LATIN SMALL LETTER A}'", "'\\N{LATIN SMALL LETTER A'", "'\\N{}'", "'\\N'", "'\\Nx'", "'\\N{DIGIT ONE}'",
    "'\\N{BELL}'", "'\\N{SNOWMAN}'", "'\\N{GREEK SMALL LETTER ALPHA}'", "'\\N{NO SUCH NAME}'",
    "'\\777'", "'\\8'", "'\\0'", "'\\01'", "'\\012'", "'\\0123'", "'\\x41\\x4a'", "'\\X41'", "'\\x4'", "'\\x4g'",
    "'\\u0041'", "'\\u004'", "'\\U0001F600'", "'\\U00110000'", "'\\ud800'", "'\\udc00x'", "'\\u00e9'", "u'\\u00e9'",
    "r'\\u00e9'", "'\\a\\b\\f\\n\\r\\t\\v\\\\\\'\\\"'", "'\\d'", "'\\\xe9'", "'\\\n'", "r'\\\n'", "r'\\'", "r'\\''",
    "'\\'", "'\\\\'", "'''\n'''", "'\n'", "'a\\\nb'", "'a\\\n\\\nb'", "'''a\\'''b'''", "'''a'''b'''", "\"\"\"a\"\"\"\"",
    "'''a''''", "\"a'b\"", "'a\\'b'", "'a'b'", "'''a\r\nb'''", "'a\\\r\nb'", "'a\\\rb'", "'\\\r\n'", "'\x00'",
    "\n1", "# c\n1", "\n  1", "\f1", " \f1", "\f 1", "\\\n1", "\\\n  1", "\\\n\\\n1", "\n \\\n1", "1\n", "1\n  ",
    "1\n  \n", "1\n\t", "1\n \n", "1 \n", "[1]\n  ", "1\n\f", "1\n \f", "1\n\f ", "1\n  \\\n", "1 \\\n", "1\\\n",
    "1\\", "\n", "", " ", "#x", "1\n\n\n", "1\n\n  ", "\n \n1", " \n1", "[1,\n  2]\n  ", "1#x\n  ", "1\n  #x",
    "(1,\n\n)\n", "1, \\\n  2", "-\\\n  1", "[\\\n 1]", "(1,\n\\\n 2)", "1\n#", "1\n  #", "None\n\n\t#\n", "1\r\n",
    "1\r", "\r1", "1\x0b", "\x0b1", "\ufeff1", "1\u00a0", "\u00a01", "[1,\n2]", "[1, # one\n 2]", "1;", "1 # x",
    "[" * 199 + "]" * 199, "[" * 200 + "]" * 200, "[" * 201 + "]" * 201, "(" * 200 + "1" + ")" * 200,
    "(" * 201 + "1" + ")" * 201, "{" * 150 + "}" * 150, "-" * 1000 + "1", "]", ")", "(]", "[)", "{)", "[1", "(1",
    "1)", "'a'.upper()", "len('a')", "1+2", "1 + 2", "2*3", "1 if 1 else 2", "[x for x in ()]", "lambda: 1",
    "not 1", "1 and 2", "1 < 2", "(1, *[2])", "[*()]", "{**{}}", "1 == 1", "a.b", "$", "?", "1 $", "`1`",
    "['a', \"b\", '''c''', 1, 2.5, None, True, (1,), [], {}, {1}, {'k': 'v'}]",
    " [('O\\'Brien', 12.0, None), ('x', -3, 'y')]", " ['a', 'b']", " 5", " '5'", " [5.0]", " abc", " None",
    " ['1', 1]", " [[1, 2], [3]]", " ['\\u4e2d']", " \"it's\"", "[(1, 'Alice'), (2, 'Bob')]",
]


def source_of(v, style):
    """A Python source for v with some formatting variety; v made only of literal types."""
    if isinstance(v, str):
        return rnd.choice([repr(v), repr(v), ("u" if style % 3 == 0 else "") + repr(v)])
    if isinstance(v, bytes):
        return repr(v) if style % 2 else "B" + repr(v)[1:]
    if isinstance(v, bool) or v is None:
        return repr(v)
    if isinstance(v, int):
        forms = [str(v), f"{v:_}", hex(v), oct(v), bin(v), ("+" if v >= 0 else "") + str(v)]
        f = rnd.choice(forms)
        return f if not f.startswith("-") or rnd.random() < 0.5 else "-(" + f[1:] + ")"
    if isinstance(v, float):
        r = repr(v)
        if r in ("inf", "-inf", "nan"):
            return rnd.choice(["1e999", "-1e999", "1e-999"])
        if rnd.random() < 0.2 and "e" not in r:
            r += "0"  # 1.5 -> 1.50: same value, another spelling
        elif rnd.random() < 0.1 and "e" not in r:
            r += "e0"
        elif rnd.random() < 0.1 and r[:2].isdigit():
            r = r[0] + "_" + r[1:]
        return r
    sep = rnd.choice([", ", ",", " , ", ",\n  ", ", # c\n "])
    if isinstance(v, list):
        body = sep.join(source_of(x, style + 1) for x in v)
        return "[" + body + (rnd.choice(["", ","]) if v else "") + "]"
    if isinstance(v, tuple):
        body = sep.join(source_of(x, style + 1) for x in v)
        if len(v) == 1:
            return "(" + body + ",)"
        return "(" + body + (rnd.choice(["", ","]) if v else "") + ")"
    if isinstance(v, set):
        if not v:
            return "{1}"
        return "{" + sep.join(source_of(x, style + 1) for x in v) + "}"
    if isinstance(v, dict):
        return "{" + sep.join(source_of(k, style + 1) + rnd.choice([": ", ":", " : "]) + source_of(x, style + 1)
                              for k, x in v.items()) + "}"
    raise TypeError(type(v))


def literal_value(depth=3):
    """A random value built only from what literals can express."""
    while True:
        v = random_value(depth)
        try:
            src = repr(v)
            if eval(src, {"__builtins__": {}}) is not None or v is None:
                return v
        except Exception:
            pass


MUTATION_CHARS = list("()[]{},:+-~ \t\n\\'\"#.0123456789_eEjxobrufRBUFNn") + ["\r", "\f", "\x0b", "\xe9", "''", '""', "'''"]


def mutate(src):
    s = list(src)
    for _ in range(rnd.randrange(1, 4)):
        op = rnd.random()
        i = rnd.randrange(len(s) + 1)
        if op < 0.35 and s:
            del s[min(i, len(s) - 1)]
        elif op < 0.7:
            s.insert(i, rnd.choice(MUTATION_CHARS))
        elif s:
            s[min(i, len(s) - 1)] = rnd.choice(MUTATION_CHARS)
    return "".join(s)


def gen_literals():
    sources = list(FIXED_SOURCES)
    for _ in range(1500):
        v = literal_value()
        sources.append(repr(v))
        sources.append(source_of(v, rnd.randrange(6)))
    bases = sources[len(FIXED_SOURCES):] + FIXED_SOURCES
    for _ in range(4000):
        src = mutate(rnd.choice(bases))
        if "*" in src or "<" in src:
            continue
        sources.append(src)
    for _ in range(300):
        sources.append(rnd.choice([" ", "\t", "", "  "]) + repr(random_str(10)))
    seen = set()
    rows = []
    for src in sources:
        if src in seen or not no_surrogate_pair(src):
            continue
        seen.add(src)
        rows.append(literal_case(src))
    write_jsonl("literal_eval.jsonl", rows)


# ---------------------------------------------------------------- float()

FLOAT_INPUTS = [
    " 1.5 ", "1_0", "1_000.000_1", "\x1c1", "\u30001\u3000", "\x851", "\u0661\u0662\u0663", "1\x00", "nan", "NaN",
    "-nan", "+nan", "-iNF", "inf", "Infinity", "-infinity", "+Infinity ", "infinit", "infinityy", "1e", ".", "1.",
    ".5", ".e1", "0x10", "1_e1", "_1", "1__1", "1_", "1._5", "1_.5", "\t\n\x0b\x0c\r 1 \r", "\xa01", "1\x7f",
    "\uff11\uff12", "12\u200b", "1e500", "-1e500", "1e-500", "0", "-0", "-0.0", "00012", "1e5", "1E+05", "1e-05",
    "12.0", "  12  ", "", " ", "abc", "1 2", "1e5.5", "--1", "+-1", "- 1", "1.5e", "1.5e+", "e5", "1.2.3",
    "\u20001\u2000", "\u2028 1", "1\u205f", "\u180e1", "\U0001d7ce", "\u0967.\u0968", "0.1", "123456789.123",
    "9" * 400, "1" + "0" * 400 + "e-400", "4.9e-324", "2e-324", "1.7976931348623157e308", "1.7976931348623159e308",
    "0.000000000000000000000000000001", "1_2_3.4_5e6_7", "1e1_0", "inf_", "i_nf", "1,5", "١.٥", "\x1f1",
]


def gen_float_parse():
    inputs = list(FLOAT_INPUTS)
    pieces = [" ", "\t", "\n", "+", "-", "1", "0", "9", "_", ".", "e", "E", "inf", "nan", "Infinity", "\u3000",
              "\u0661", "\xa0", "\x1c", "x", "0x", "5", "\x85", "\uff15", "j"]
    for _ in range(1500):
        inputs.append("".join(rnd.choice(pieces) for _ in range(rnd.randrange(1, 8))))
    for _ in range(500):
        x = random_float()
        inputs.append(rnd.choice([repr(x), str(x).upper(), " " + repr(x) + "\n", f"{x:.20g}", f"{x:e}"]))
    values = inputs + [s.encode("utf-8") for s in inputs[:200]] + [bytearray(b" 1.5 "), b"\xa01"]
    values += [0, 1, -5, 10 ** 20, 2 ** 53 + 1, True, False, None, 1.5, [1], (1,), D("1.5"), D("-0"), D("NaN"),
               D("sNaN"), D("Infinity"), D("1E-7"), D("0.1"), {"a": 1}, datetime.date(2020, 1, 1)]
    rows = []
    for v in values:
        try:
            r = float(v)
            res = {"t": "float", "v": float_bits(r)}
        except (ValueError, TypeError) as e:
            res = {"t": "error", "v": type(e).__name__}
        rows.append({"input": enc(v), "result": res})
    write_jsonl("float_parse.jsonl", rows)


# ---------------------------------------------------------------- ==, set(), list()

def eq_pool():
    return [
        1, 1.0, True, D("1"), D("1.0"), D("1.000"), "1", b"1", bytearray(b"1"), 0, 0.0, -0.0, False, D("0"), D("-0"),
        D("0E+5"), 0.1, D("0.1"), D("0.1000000000000000055511151231257827021181583404541015625"), 0.5, D("0.5"),
        2, 2.0, D("2"), 2 ** 53 + 1, float(2 ** 53 + 1), float("inf"), D("Infinity"), float("-inf"), D("-Infinity"),
        float("nan"), D("NaN"), None, "", "a", "A", b"", b"a", bytearray(b"a"), [], (), [1], (1,), [1.0], (True,),
        ["1"], [[1]], [(1,)], {1}, {1.0}, {True}, {"1"}, set(), {1: 2}, {1.0: 2}, {1: 2.0}, {"1": 2}, {},
        datetime.date(2020, 1, 5), datetime.datetime(2020, 1, 5), datetime.datetime(2020, 1, 5, 0, 0, 0, 1),
        datetime.timedelta(0), datetime.timedelta(seconds=1), datetime.timedelta(days=1), 86400,
        "\u00e9", "e\u0301", [1, 2], [2, 1], (1, 2), {1, 2}, {2, 1}, [None], (None,), 10 ** 20, 1e20, D("1E+20"),
    ]


def gen_equality():
    pool = eq_pool()
    rows = []
    for a in pool:
        for b in pool:
            rows.append({"a": enc(a), "b": enc(b), "eq": a == b})
    write_jsonl("equality.jsonl", rows)


def gen_set_equality():
    leaves = [1, 1.0, True, D("1.0"), "1", "a", "b", b"a", bytearray(b"a"), 0, False, -0.0, 2, 2.5, D("2.5"),
              None, (1,), (1.0,), ((1, "a"),), [1], {1: 2}, {1}, (1, [2]), "A", 0.1, D("0.1"), 10 ** 20, 1e20,
              datetime.date(2020, 1, 5), datetime.datetime(2020, 1, 5), datetime.timedelta(0), ""]
    rows = []
    for _ in range(1500):
        a = [rnd.choice(leaves) for _ in range(rnd.randrange(0, 5))]
        if rnd.random() < 0.4:
            b = list(a)
            rnd.shuffle(b)
            if b and rnd.random() < 0.5:
                b[rnd.randrange(len(b))] = rnd.choice(leaves)
            if rnd.random() < 0.3:
                b.append(rnd.choice(b + leaves))
        else:
            b = [rnd.choice(leaves) for _ in range(rnd.randrange(0, 5))]
        try:
            res = set(a) == set(b)
        except TypeError:
            res = None
        rows.append({"a": enc(a), "b": enc(b), "eq": res})
    write_jsonl("set_equality.jsonl", rows)


def gen_list():
    values = ["", "abc", "\U0001f600x", "e\u0301", "\ud800", b"", b"ab\xff", bytearray(b"\x00z"), [], [1, "a"],
              (1,), (), {1: "a", "b": 2}, {}, {3}, None, 1, 1.5, True, D("1"), datetime.date(2020, 1, 1),
              datetime.timedelta(0), " 'abc'", [[1]], {(): 1}]
    values += [random_value(2) for _ in range(200)]
    rows = []
    for v in values:
        try:
            r = list(v)
            # sets iterate in hash order, which Java does not reproduce: compare those unordered
            rows.append({"input": enc(v), "result": enc(r), "ordered": not isinstance(v, (set, frozenset))})
        except TypeError:
            rows.append({"input": enc(v), "result": None, "ordered": True})
    write_jsonl("list.jsonl", rows)


# ---------------------------------------------------------------- Unicode tables

def gen_unicode():
    """Ranges of (printable, unassigned, decimal digit, space) as Python 3.11 (Unicode 14) sees them."""
    ranges = []
    prev = None
    for cp in range(0x110000):
        c = chr(cp)
        key = (c.isprintable(), unicodedata.category(c) == "Cn", c.isdecimal(), c.isspace())
        if key != prev:
            ranges.append([cp, *key])
            prev = key
    path = os.path.join(OUT, "unicode.json")
    with open(path, "w", encoding="ascii", newline="\n") as f:
        json.dump({"unidata_version": unicodedata.unidata_version,
                   "fields": ["start", "printable", "unassigned", "decimal", "space"],
                   "ranges": ranges}, f, separators=(",", ":"))
        f.write("\n")
    print(f"{path}: {len(ranges)} ranges")


def main():
    os.makedirs(OUT, exist_ok=True)
    gen_repr()
    gen_literals()
    gen_float_parse()
    gen_equality()
    gen_set_equality()
    gen_list()
    gen_unicode()


if __name__ == "__main__":
    main()
