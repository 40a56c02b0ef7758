#!/usr/bin/env bash
# ALFWorld PDDL engine benchmark. Usage: bench/alfworld-pddl.sh [STEPS_PER_GAME]
# Prints load+reset and step times over the 340 shared games (text generation not included).
exec "$(dirname "$0")/run-java.sh" 1g kaizen.bench.AlfworldPddlBench "$@"
