#!/usr/bin/env python3
"""Writes the seed corpus of the capability fuzzer (tests/fuzz/corpus/).

Each seed is a short program in the byte encoding read by
tests/fuzz/capability_fuzz.c: a choice byte, a target descriptor, then the
operation's arguments. Rerun after changing that encoding. The
regression_* files next to them are former findings, kept as they were
found (they are not generated).
"""
import os

NODE, GENERIC, IPC_PORT, FRAME, PROCESS = 1, 2, 4, 8, 3
COPY, MOVE, MINT, DEMOTE, REMOVE, REVOKE, CONVERT = 0, 1, 2, 3, 4, 5, 6


def root():
    return [0]


def slot(i):
    """Descriptor of root slot i."""
    return [1 | (i << 3)]


def nested(i, bits, j):
    """Descriptor of slot j of the radix-`bits` node in root slot i."""
    return [4 | (bits << 3), i, j]


def convert(generic, type_, parameter, count, node, index):
    return [CONVERT] + generic + [type_, parameter, count] + node + [index]


def copy(node, index, source):
    return [COPY] + node + [index] + source


def move(node, index, source):
    return [MOVE] + node + [index] + source


def mint(node, index, source, rights, badge):
    return [MINT] + node + [index] + source + [rights, badge]


def demote(node, index, rights):
    return [DEMOTE] + node + [index, rights]


def remove(node, index):
    return [REMOVE] + node + [index]


def revoke(node, index):
    return [REVOKE] + node + [index]


SEEDS = {
    "ports_and_revoke": sum([
        convert(slot(1), NODE, 3, 1, root(), 5),
        convert(slot(1), IPC_PORT, 0, 3, slot(5), 0),
        copy(root(), 6, nested(5, 3, 0)),
        mint(root(), 7, slot(6), 0x0b, 2),
        copy(slot(5), 4, slot(7)),
        demote(root(), 7, 0x03),
        revoke(root(), 1),
    ], []),
    "device_memory": sum([
        convert(slot(3), FRAME, 0, 4, root(), 5),
        convert(slot(3), GENERIC, 13, 1, root(), 9),
        convert(slot(9), FRAME, 0, 2, root(), 10),
        convert(slot(3), NODE, 2, 1, root(), 12),
        remove(root(), 9),
        revoke(root(), 3),
    ], []),
    "nested_nodes": sum([
        convert(slot(1), NODE, 2, 1, root(), 5),
        convert(slot(1), NODE, 2, 1, slot(5), 1),
        convert(slot(2), PROCESS, 0, 2, root(), 8),
        copy(slot(5), 2, slot(8)),
        copy(slot(5), 3, nested(5, 2, 2)),
        move(root(), 10, nested(5, 2, 3)),
        remove(slot(5), 2),
        remove(root(), 5),
        revoke(root(), 2),
    ], []),
    "self_reference": sum([
        [COPY, 0, 9, 6 | (3 << 3), 0x00 | 0],      # root[9] = root[0] through 3 loops
        convert(slot(1), NODE, 1, 1, root(), 6),
        copy(slot(6), 0, slot(6)),
        remove(root(), 6),
        revoke(root(), 1),
    ], []),
    "generic_split": sum([
        convert(slot(1), GENERIC, 12, 4, root(), 4),
        convert(slot(5), FRAME, 0, 1, root(), 8),
        convert(slot(5), FRAME, 0, 1, root(), 9),
        convert(slot(6), NODE, 4, 1, root(), 10),
        move(slot(10), 0, slot(6)),
        revoke(slot(10), 0),
        revoke(root(), 5),
    ], []),
    "raw_words": [8, 7, 200, 1, 2, 0, 0, 0, 0, 0, 0, 0, 9, 9, 255, 255, 0, 1, 2, 3, 4,
                  9, 0, 2, 3, 1, 1, 5, 7],
}


def main():
    directory = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")
    os.makedirs(directory, exist_ok=True)
    for name, program in SEEDS.items():
        with open(os.path.join(directory, name), "wb") as out:
            out.write(bytes(program))


if __name__ == "__main__":
    main()
