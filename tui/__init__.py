"""Kizuna's command line and terminal app. The app's modules import Textual;
the command line (:mod:`tui.cli`) does so only when the app opens."""
