"""Export: one neutral document model (build.py), one renderer per format. No Qt."""
