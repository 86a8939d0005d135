"""A corpus of learners' implementations of the course-1 graded functions (see ``_entry``)."""
