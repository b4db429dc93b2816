"""Data shipped with the program (fonts, icons, sample meetings, translations).

A package of its own so that importlib.resources finds it in a wheel and in the
PyInstaller build alike.
"""
