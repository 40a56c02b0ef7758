#!/usr/bin/env bash
# ALFWorld engine benchmark (logic + text, through the public API). Usage: bench/alfworld.sh [STEPS_PER_GAME]
# Prints load, reset and step times over the 340 shared games, and heap per 100 live games.
exec "$(dirname "$0")/run-java.sh" 1g kaizen.bench.AlfworldEngineBench "$@"
