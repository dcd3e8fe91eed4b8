"""Screens: places in the app (Home, a section, the rubric, help) and dialogs."""
