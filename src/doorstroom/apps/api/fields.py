"""Serializer fields with the limits every API input needs."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

#: The largest id the API accepts: 2**53 - 1, the largest integer a JSON client
#: in JavaScript reads exactly. Larger numbers are refused with a 400 instead of
#: reaching the database (where SQLite overflows past 2**63 - 1).
ID_MAX = 2**53 - 1

ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": ID_MAX}


def id_field(**kwargs) -> serializers.IntegerField:
    """An integer field for the id of a stored object: 1 … :data:`ID_MAX`."""
    return serializers.IntegerField(min_value=1, max_value=ID_MAX, **kwargs)


@extend_schema_field(ID_SCHEMA)
class BoundedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A primary-key reference whose id is checked to be 1 … :data:`ID_MAX`
    before it is looked up."""

    default_error_messages = {
        "out_of_range": "An id is a whole number from 1 to {max}.",
    }

    def to_internal_value(self, data):
        try:
            number = int(data)
        except (TypeError, ValueError):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if isinstance(data, bool) or not 1 <= number <= ID_MAX:
            self.fail("out_of_range", max=ID_MAX)
        return super().to_internal_value(number)
