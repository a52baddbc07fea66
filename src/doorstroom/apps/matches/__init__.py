"""Vacancies in competence language and job matching (the app side of
:mod:`doorstroom.domain.matching`)."""
