import math

import pytest

from bench.sandbox._harness import wire


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        False,
        0,
        -(10**30),
        1.5,
        -0.0,
        1e300,
        "plain",
        'é\u2603\n"quoted"',
        "\ud800",
        [],
        [1, [2, [3]]],
        (1, "a"),
        (),
        {1, 2, 3},
        frozenset({"x"}),
        {"a": 1, 2: [3], (4, 5): {"nested": (6,)}},
        b"\x00\xffbytes",
        bytearray(b"ba"),
        complex(1, -2),
        2**20000,
        -(2**20000),
    ],
    ids=lambda value: type(value).__name__,
)
def test_round_trip_is_exact(value):
    decoded = wire.decode(wire.encode(value))
    assert decoded == value
    assert type(decoded) is type(value)


def test_non_finite_floats_round_trip():
    decoded = wire.decode(wire.encode([math.inf, -math.inf, math.nan]))
    assert decoded[0] == math.inf and decoded[1] == -math.inf and math.isnan(decoded[2])


def test_builtin_subclasses_travel_as_their_base_type():
    class Liar(list):
        def __eq__(self, other):
            return True

        def __iter__(self):
            return iter(["lies"])

    class Count(int):
        def __repr__(self):
            return "999"

    decoded = wire.decode(wire.encode([Liar([1, 2]), Count(7)]))
    assert decoded == [[1, 2], 7]
    assert type(decoded[0]) is list and type(decoded[1]) is int


def test_other_objects_become_opaque_and_equal_nothing():
    class AlwaysEqual:
        def __eq__(self, other):
            return True

        __hash__ = object.__hash__

        def __repr__(self):
            return "AlwaysEqual()"

    decoded = wire.decode(wire.encode({"x": AlwaysEqual()}))
    opaque = decoded["x"]
    assert isinstance(opaque, wire.Opaque)
    assert opaque != "AlwaysEqual()" and opaque != opaque.__class__("AlwaysEqual", "AlwaysEqual()")
    assert repr(opaque) == "AlwaysEqual()"
    assert wire.contains_opaque(decoded)
    assert not wire.contains_opaque({"x": [1, (2,)]})


def test_a_failing_repr_does_not_break_encoding():
    class Broken:
        def __repr__(self):
            raise RuntimeError("no")

    decoded = wire.decode(wire.encode(Broken()))
    assert "repr failed with RuntimeError" in repr(decoded)


def test_cycles_and_deep_nesting_are_cut():
    cyclic = []
    cyclic.append(cyclic)
    decoded = wire.decode(wire.encode(cyclic))
    assert wire.contains_opaque(decoded)


def test_size_budget():
    with pytest.raises(wire.TooLarge):
        wire.encode("x" * 1000, limit=100)
    decoded = wire.decode(wire.encode_bounded(["x" * 1000], limit=100))
    assert isinstance(decoded, wire.Opaque) and "too large" in repr(decoded)


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1}',
        '{"$tuple": [1], "$set": [2]}',
        '{"$unknown": 1}',
        '{"$set": [[1, 2]]}',
        '{"$dict": [[[1], 2]]}',
        '{"$dict": [1, 2]}',
        '{"$float": "1.5"}',
        '{"$int": "12"}',
        '{"$bytes": 5}',
        '{"$opaque": "x"}',
        '{"$complex": [true, 1]}',
        "[" * 100000 + "]" * 100000,
        "not json",
    ],
)
def test_malformed_text_is_rejected(text):
    with pytest.raises(wire.WireError):
        wire.decode(text)


def test_decode_never_builds_more_than_plain_data():
    # A pickle-looking payload is only a string: nothing is executed.
    text = wire.encode("cos\nsystem\n(S'echo pwned'\ntR.")
    assert wire.decode(text) == "cos\nsystem\n(S'echo pwned'\ntR."
