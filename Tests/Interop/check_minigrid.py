"""Replays Prism gridworld artifacts in Minigrid and compares every step.

Usage: python3 check_minigrid.py ARTIFACT_DIR

For every `gridworld-<name>.map` with its `gridworld-<name>.replay.json` (written by the Swift
test `GridworldInteropArtifactTests` with PRISM_INTEROP_DIR set), builds a MiniGridEnv whose
`_gen_grid` places exactly the map's objects, replays the actions and compares the observation
image, direction, reward (to 1e-6), terminated and truncated flags of the reset and every step.
Exits non-zero on any mismatch or when no artifact is found.
"""
from __future__ import annotations

import glob
import json
import os
import sys

from minigrid.core.grid import Grid
from minigrid.core.mission import MissionSpace
from minigrid.core.world_object import Ball, Box, Door, Floor, Goal, Key, Lava, Wall
from minigrid.minigrid_env import MiniGridEnv

COLORS = {"R": "red", "G": "green", "B": "blue", "P": "purple", "Y": "yellow", "E": "grey"}
AGENT = {">>": 0, "vv": 1, "<<": 2, "^^": 3}


def parse_map(text: str) -> dict:
    """Reads a Prism gridworld map (the README's map format) into headers, cells and the agent."""
    headers, rows = {}, []
    for line in text.splitlines():
        if line.startswith("#") and not rows:
            key, _, value = line[1:].strip().partition(":")
            headers[key.strip()] = value.strip()
        elif line:
            rows.append(line)
    width, height = len(rows[0]) // 2, len(rows)
    cells, agent = {}, None
    for y, row in enumerate(rows):
        assert len(row) == 2 * width, f"ragged row {y}"
        for x in range(width):
            pair = row[2 * x : 2 * x + 2]
            if pair in AGENT:
                agent = ((x, y), AGENT[pair])
            elif pair != "  ":
                cells[(x, y)] = make_object(pair)
    return {
        "width": width,
        "height": height,
        "cells": cells,
        "agent": agent,
        "mission": headers.get("mission", "get to the green goal square"),
        "max_steps": int(headers.get("max_steps", 4 * width * height)),
        "see_through_walls": headers.get("see_through_walls", "false") == "true",
    }


def make_object(pair: str):
    """A fresh Minigrid object for a two-character cell."""
    kind, color = pair[0], COLORS[pair[1]]
    factories = {
        "W": lambda: Wall(color),
        "F": lambda: Floor(color),
        "D": lambda: Door(color),
        "L": lambda: Door(color, is_locked=True),
        "O": lambda: Door(color, is_open=True),
        "K": lambda: Key(color),
        "A": lambda: Ball(color),
        "B": lambda: Box(color),
        "G": lambda: Goal(color),
        "V": lambda: Lava(),
    }
    return factories[kind]()


class MapEnv(MiniGridEnv):
    """A Minigrid environment whose grid is exactly a parsed map."""

    def __init__(self, spec: dict):
        self.spec_map = spec
        mission = spec["mission"]
        super().__init__(
            mission_space=MissionSpace(mission_func=lambda: mission),
            width=spec["width"],
            height=spec["height"],
            max_steps=spec["max_steps"],
            see_through_walls=spec["see_through_walls"],
            agent_view_size=7,
        )

    def _gen_grid(self, width, height):
        self.grid = Grid(width, height)
        for (x, y), pair_object in self.spec_map["cells"].items():
            self.grid.set(x, y, pair_object)
        (x, y), direction = self.spec_map["agent"]
        self.agent_pos = (x, y)
        self.agent_dir = direction
        self.mission = self.spec_map["mission"]


def compare(name: str, step: int, expected: dict, image, direction, reward, terminated, truncated) -> list[str]:
    problems = []
    if expected["image"] != image:
        diffs = [i for i, (a, b) in enumerate(zip(expected["image"], image)) if a != b]
        problems.append(f"{name} step {step}: image differs at flat indices {diffs[:10]} "
                        f"(prism {[expected['image'][i] for i in diffs[:10]]}, minigrid {[image[i] for i in diffs[:10]]})")
    if expected["direction"] != direction:
        problems.append(f"{name} step {step}: direction prism {expected['direction']} minigrid {direction}")
    if abs(expected["reward"] - reward) > 1e-6:
        problems.append(f"{name} step {step}: reward prism {expected['reward']} minigrid {reward}")
    if expected["terminated"] != terminated or expected["truncated"] != truncated:
        problems.append(f"{name} step {step}: flags prism ({expected['terminated']}, {expected['truncated']}) "
                        f"minigrid ({terminated}, {truncated})")
    return problems


def check(map_path: str) -> list[str]:
    name = os.path.basename(map_path)[len("gridworld-") : -len(".map")]
    with open(map_path) as f:
        spec = parse_map(f.read())
    with open(map_path[: -len(".map")] + ".replay.json") as f:
        replay = json.load(f)
    env = MapEnv(spec)
    obs, _ = env.reset(seed=0)
    steps = replay["steps"]
    problems = compare(name, 0, steps[0], obs["image"].flatten().tolist(), int(obs["direction"]), 0.0, False, False)
    for index, action in enumerate(replay["actions"], start=1):
        obs, reward, terminated, truncated, _ = env.step(action)
        problems += compare(name, index, steps[index], obs["image"].flatten().tolist(), int(obs["direction"]),
                            float(reward), bool(terminated), bool(truncated))
    final = steps[-1]
    print(f"{name}: {len(replay['actions'])} actions, final reward {final['reward']:.6f}, "
          f"terminated {final['terminated']}, truncated {final['truncated']}: "
          f"{'ok' if not problems else f'{len(problems)} mismatches'}")
    return problems


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    maps = sorted(glob.glob(os.path.join(sys.argv[1], "gridworld-*.map")))
    if not maps:
        print(f"no gridworld-*.map artifacts in {sys.argv[1]}")
        return 1
    problems = []
    for map_path in maps:
        problems += check(map_path)
    for problem in problems[:50]:
        print(problem)
    print(f"{len(maps)} layouts, {'all match' if not problems else f'{len(problems)} mismatches'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
