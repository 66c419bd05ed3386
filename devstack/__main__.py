"""``python -m devstack run [--day NAME] [--speed N|max]``: see devstack/run.py."""

import sys

from devstack.run import main

if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or args[0] != "run":
        print("usage: python -m devstack run [--day NAME] [--speed N|max] [--no-seeds]")
        sys.exit(2)
    sys.exit(main(args[1:]))
