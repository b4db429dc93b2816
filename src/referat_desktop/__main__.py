"""`python -m referat_desktop` opens the window, like the `referat-desktop` script."""

from referat_desktop.app import main

if __name__ == "__main__":
    raise SystemExit(main())
