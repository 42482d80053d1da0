"""The shape of an xAPI 1.0.3 statement as the campus builds them (a strict subset of the
standard's: what we send is checked here, then accepted by a real LRS in test_lrs_ralph)."""

import jsonschema

IRI = {"type": "string", "pattern": r"^https?://\S+$"}
LANGUAGE_MAP = {
    "type": "object",
    "minProperties": 1,
    "additionalProperties": {"type": "string"},
    "propertyNames": {"pattern": r"^[a-z]{2}-[A-Z]{2}$"},
}
UUID = {
    "type": "string",
    "pattern": r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
}
ACTIVITY = {
    "type": "object",
    "required": ["objectType", "id", "definition"],
    "additionalProperties": False,
    "properties": {
        "objectType": {"const": "Activity"},
        "id": IRI,
        "definition": {
            "type": "object",
            "required": ["type"],
            "additionalProperties": False,
            "properties": {
                "type": IRI,
                "name": LANGUAGE_MAP,
                "interactionType": {"enum": ["choice"]},
                "correctResponsesPattern": {"type": "array", "items": {"type": "string"}},
                "choices": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["id", "description"],
                        "additionalProperties": False,
                        "properties": {"id": {"type": "string"}, "description": LANGUAGE_MAP},
                    },
                },
            },
        },
    },
}
AGENT = {
    "type": "object",
    "required": ["objectType"],
    "additionalProperties": False,
    "oneOf": [{"required": ["account"]}, {"required": ["mbox_sha1sum"]}],
    "properties": {
        "objectType": {"const": "Agent"},
        "account": {
            "type": "object",
            "required": ["homePage", "name"],
            "additionalProperties": False,
            "properties": {"homePage": IRI, "name": {"type": "string", "minLength": 1}},
        },
        "mbox_sha1sum": {"type": "string", "pattern": "^[0-9a-f]{40}$"},
    },
}
STATEMENT = {
    "type": "object",
    "required": ["id", "actor", "verb", "object", "timestamp", "version"],
    "additionalProperties": False,
    "properties": {
        "id": UUID,
        "version": {"const": "1.0.3"},
        "actor": AGENT,
        "verb": {
            "type": "object",
            "required": ["id", "display"],
            "additionalProperties": False,
            "properties": {"id": IRI, "display": LANGUAGE_MAP},
        },
        "object": {
            "oneOf": [
                ACTIVITY,
                {
                    "type": "object",
                    "required": ["objectType", "id"],
                    "additionalProperties": False,
                    "properties": {"objectType": {"const": "StatementRef"}, "id": UUID},
                },
            ]
        },
        "timestamp": {
            "type": "string",
            "pattern": r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$",
        },
        "result": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "score": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "scaled": {"type": "number", "minimum": -1, "maximum": 1},
                        "raw": {"type": "number"},
                        "min": {"type": "number"},
                        "max": {"type": "number"},
                    },
                },
                "success": {"type": "boolean"},
                "completion": {"type": "boolean"},
                "response": {"type": "string"},
                "duration": {"type": "string", "pattern": r"^PT\d+[SM]$"},
                "extensions": {"type": "object", "propertyNames": IRI},
            },
        },
        "context": {
            "type": "object",
            "additionalProperties": False,
            "required": ["registration", "platform", "language"],
            "properties": {
                "registration": UUID,
                "platform": {"type": "string"},
                "language": {"const": "fr-FR"},
                "contextActivities": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "parent": {"type": "array", "items": ACTIVITY},
                        "grouping": {"type": "array", "items": ACTIVITY},
                    },
                },
            },
        },
    },
}


def assert_valid_statement(statement: dict) -> None:
    jsonschema.validate(statement, STATEMENT)
