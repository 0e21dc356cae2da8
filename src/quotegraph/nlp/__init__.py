"""The NLP stage: one spaCy pipeline, loaded once per process, never downloaded."""
