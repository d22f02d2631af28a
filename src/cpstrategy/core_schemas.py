"""pydantic's schemas of the models, for pydantic-core 2.50.5: `validation`
builds its validators from these without importing pydantic. Written by `python -m
cpstrategy.write_core_schemas`; do not edit (a test checks that it is up to date)."""

from . import models

PYDANTIC_CORE_VERSION = '2.50.5'

_PERIOD = {
    'type': 'dataclass',
    'cls': models.Period,
    'fields': [
        'start',
        'end',
    ],
    'schema': {
        'type': 'dataclass-args',
        'dataclass_name': 'Period',
        'fields': [
            {
                'type': 'dataclass-field',
                'name': 'start',
                'schema': {
                    'type': 'function-before',
                    'function': {
                        'type': 'no-info',
                        'function': models.IsoDate.parse,
                    },
                    'schema': {
                        'type': 'date',
                    },
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'start',
                'serialization_alias': 'start',
            },
            {
                'type': 'dataclass-field',
                'name': 'end',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'nullable',
                        'schema': {
                            'type': 'function-before',
                            'function': {
                                'type': 'no-info',
                                'function': models.IsoDate.parse,
                            },
                            'schema': {
                                'type': 'date',
                            },
                        },
                    },
                    'default': None,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'end',
                'serialization_alias': 'end',
            },
        ],
        'computed_fields': [],
        'collect_init_only': False,
    },
    'post_init': False,
    'frozen': False,
    'slots': True,
    'config': {
        'extra_fields_behavior': 'forbid',
        'coerce_numbers_to_str': True,
        'allow_inf_nan': False,
        'title': 'Period',
    },
    'ref': 'cpstrategy.models.Period',
}

_THEME = {
    'type': 'dataclass',
    'cls': models.Theme,
    'fields': [
        'id',
        'title',
    ],
    'schema': {
        'type': 'dataclass-args',
        'dataclass_name': 'Theme',
        'fields': [
            {
                'type': 'dataclass-field',
                'name': 'id',
                'schema': {
                    'type': 'function-before',
                    'function': {
                        'type': 'no-info',
                        'function': models.Id.parse,
                    },
                    'schema': {
                        'type': 'str',
                        'pattern': '^[A-Za-z0-9][A-Za-z0-9._-]*$',
                        'max_length': 64,
                        'min_length': 1,
                    },
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'id',
                'serialization_alias': 'id',
            },
            {
                'type': 'dataclass-field',
                'name': 'title',
                'schema': {
                    'type': 'str',
                    'pattern': '^\\s*\\S',
                    'min_length': 1,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'title',
                'serialization_alias': 'title',
            },
        ],
        'computed_fields': [],
        'collect_init_only': False,
    },
    'post_init': False,
    'frozen': False,
    'slots': True,
    'config': {
        'extra_fields_behavior': 'forbid',
        'coerce_numbers_to_str': True,
        'allow_inf_nan': False,
        'title': 'Theme',
    },
    'ref': 'cpstrategy.models.Theme',
}

_PRIORITY = {
    'type': 'dataclass',
    'cls': models.Priority,
    'fields': [
        'id',
        'title',
        'summary',
        'outcomes',
        'themes',
    ],
    'schema': {
        'type': 'dataclass-args',
        'dataclass_name': 'Priority',
        'fields': [
            {
                'type': 'dataclass-field',
                'name': 'id',
                'schema': {
                    'type': 'function-before',
                    'function': {
                        'type': 'no-info',
                        'function': models.Id.parse,
                    },
                    'schema': {
                        'type': 'str',
                        'pattern': '^[A-Za-z0-9][A-Za-z0-9._-]*$',
                        'max_length': 64,
                        'min_length': 1,
                    },
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'id',
                'serialization_alias': 'id',
            },
            {
                'type': 'dataclass-field',
                'name': 'title',
                'schema': {
                    'type': 'str',
                    'pattern': '^\\s*\\S',
                    'min_length': 1,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'title',
                'serialization_alias': 'title',
            },
            {
                'type': 'dataclass-field',
                'name': 'summary',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'nullable',
                        'schema': {
                            'type': 'str',
                        },
                    },
                    'default': None,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'summary',
                'serialization_alias': 'summary',
            },
            {
                'type': 'dataclass-field',
                'name': 'outcomes',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'function-before',
                        'function': {
                            'type': 'no-info',
                            'function': models.Blank.parse,
                        },
                        'schema': {
                            'type': 'list',
                            'items_schema': {
                                'type': 'str',
                                'pattern': '^\\s*\\S',
                                'min_length': 1,
                            },
                        },
                    },
                    'default_factory': list,
                    'default_factory_takes_data': False,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'outcomes',
                'serialization_alias': 'outcomes',
            },
            {
                'type': 'dataclass-field',
                'name': 'themes',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'function-before',
                        'function': {
                            'type': 'no-info',
                            'function': models.Blank.parse,
                        },
                        'schema': {
                            'type': 'list',
                            'items_schema': _THEME,
                        },
                    },
                    'default_factory': list,
                    'default_factory_takes_data': False,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'themes',
                'serialization_alias': 'themes',
            },
        ],
        'computed_fields': [],
        'collect_init_only': False,
    },
    'post_init': False,
    'frozen': False,
    'slots': True,
    'config': {
        'extra_fields_behavior': 'forbid',
        'coerce_numbers_to_str': True,
        'allow_inf_nan': False,
        'title': 'Priority',
    },
    'ref': 'cpstrategy.models.Priority',
}

_STRATEGY = {
    'type': 'dataclass',
    'cls': models.Strategy,
    'fields': [
        'id',
        'title',
        'period',
        'priorities',
        'owner',
        'superseded_by',
    ],
    'schema': {
        'type': 'dataclass-args',
        'dataclass_name': 'Strategy',
        'fields': [
            {
                'type': 'dataclass-field',
                'name': 'id',
                'schema': {
                    'type': 'function-before',
                    'function': {
                        'type': 'no-info',
                        'function': models.Id.parse,
                    },
                    'schema': {
                        'type': 'str',
                        'pattern': '^[A-Za-z0-9][A-Za-z0-9._-]*$',
                        'max_length': 64,
                        'min_length': 1,
                    },
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'id',
                'serialization_alias': 'id',
            },
            {
                'type': 'dataclass-field',
                'name': 'title',
                'schema': {
                    'type': 'str',
                    'pattern': '^\\s*\\S',
                    'min_length': 1,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'title',
                'serialization_alias': 'title',
            },
            {
                'type': 'dataclass-field',
                'name': 'period',
                'schema': _PERIOD,
                'kw_only': False,
                'init': True,
                'validation_alias': 'period',
                'serialization_alias': 'period',
            },
            {
                'type': 'dataclass-field',
                'name': 'priorities',
                'schema': {
                    'type': 'list',
                    'items_schema': _PRIORITY,
                    'min_length': 1,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'priorities',
                'serialization_alias': 'priorities',
            },
            {
                'type': 'dataclass-field',
                'name': 'owner',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'nullable',
                        'schema': {
                            'type': 'str',
                        },
                    },
                    'default': None,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'owner',
                'serialization_alias': 'owner',
            },
            {
                'type': 'dataclass-field',
                'name': 'superseded_by',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'function-before',
                        'function': {
                            'type': 'no-info',
                            'function': models.Blank.parse,
                        },
                        'schema': {
                            'type': 'list',
                            'items_schema': {
                                'type': 'function-before',
                                'function': {
                                    'type': 'no-info',
                                    'function': models.Id.parse,
                                },
                                'schema': {
                                    'type': 'str',
                                    'pattern': '^[A-Za-z0-9][A-Za-z0-9._-]*$',
                                    'max_length': 64,
                                    'min_length': 1,
                                },
                            },
                        },
                    },
                    'default_factory': list,
                    'default_factory_takes_data': False,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'superseded_by',
                'serialization_alias': 'superseded_by',
            },
        ],
        'computed_fields': [],
        'collect_init_only': False,
    },
    'post_init': False,
    'frozen': False,
    'slots': True,
    'config': {
        'extra_fields_behavior': 'forbid',
        'coerce_numbers_to_str': True,
        'allow_inf_nan': False,
        'title': 'Strategy',
    },
    'ref': 'cpstrategy.models.Strategy',
}

_COMPARATOR = {
    'type': 'dataclass',
    'cls': models.Comparator,
    'fields': [
        'name',
        'date',
        'value',
    ],
    'schema': {
        'type': 'dataclass-args',
        'dataclass_name': 'Comparator',
        'fields': [
            {
                'type': 'dataclass-field',
                'name': 'name',
                'schema': {
                    'type': 'str',
                    'pattern': '^\\s*\\S',
                    'min_length': 1,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'name',
                'serialization_alias': 'name',
            },
            {
                'type': 'dataclass-field',
                'name': 'date',
                'schema': {
                    'type': 'function-before',
                    'function': {
                        'type': 'no-info',
                        'function': models.IsoDate.parse,
                    },
                    'schema': {
                        'type': 'date',
                    },
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'date',
                'serialization_alias': 'date',
            },
            {
                'type': 'dataclass-field',
                'name': 'value',
                'schema': {
                    'type': 'function-before',
                    'function': {
                        'type': 'no-info',
                        'function': models.Figure.parse,
                    },
                    'schema': {
                        'type': 'float',
                    },
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'value',
                'serialization_alias': 'value',
            },
        ],
        'computed_fields': [],
        'collect_init_only': False,
    },
    'post_init': False,
    'frozen': False,
    'slots': True,
    'config': {
        'extra_fields_behavior': 'forbid',
        'coerce_numbers_to_str': True,
        'allow_inf_nan': False,
        'title': 'Comparator',
    },
    'ref': 'cpstrategy.models.Comparator',
}

_INDICATOR = {
    'type': 'dataclass',
    'cls': models.Indicator,
    'fields': [
        'text',
        'target',
        'unit',
        'higher_is_better',
        'baseline',
        'actuals',
        'comparators',
    ],
    'schema': {
        'type': 'dataclass-args',
        'dataclass_name': 'Indicator',
        'fields': [
            {
                'type': 'dataclass-field',
                'name': 'text',
                'schema': {
                    'type': 'str',
                    'pattern': '^\\s*\\S',
                    'min_length': 1,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'text',
                'serialization_alias': 'text',
            },
            {
                'type': 'dataclass-field',
                'name': 'target',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'nullable',
                        'schema': {
                            'type': 'function-before',
                            'function': {
                                'type': 'no-info',
                                'function': models.Figure.parse,
                            },
                            'schema': {
                                'type': 'float',
                            },
                        },
                    },
                    'default': None,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'target',
                'serialization_alias': 'target',
            },
            {
                'type': 'dataclass-field',
                'name': 'unit',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'nullable',
                        'schema': {
                            'type': 'str',
                        },
                    },
                    'default': None,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'unit',
                'serialization_alias': 'unit',
            },
            {
                'type': 'dataclass-field',
                'name': 'higher_is_better',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'bool',
                        'strict': True,
                    },
                    'default': True,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'higher_is_better',
                'serialization_alias': 'higher_is_better',
            },
            {
                'type': 'dataclass-field',
                'name': 'baseline',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'nullable',
                        'schema': {
                            'type': 'definition-ref',
                            'schema_ref': 'cpstrategy.models.Point',
                        },
                    },
                    'default': None,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'baseline',
                'serialization_alias': 'baseline',
            },
            {
                'type': 'dataclass-field',
                'name': 'actuals',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'function-before',
                        'function': {
                            'type': 'no-info',
                            'function': models.Blank.parse,
                        },
                        'schema': {
                            'type': 'list',
                            'items_schema': {
                                'type': 'definition-ref',
                                'schema_ref': 'cpstrategy.models.Point',
                            },
                        },
                    },
                    'default_factory': list,
                    'default_factory_takes_data': False,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'actuals',
                'serialization_alias': 'actuals',
            },
            {
                'type': 'dataclass-field',
                'name': 'comparators',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'function-before',
                        'function': {
                            'type': 'no-info',
                            'function': models.Blank.parse,
                        },
                        'schema': {
                            'type': 'list',
                            'items_schema': _COMPARATOR,
                        },
                    },
                    'default_factory': list,
                    'default_factory_takes_data': False,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'comparators',
                'serialization_alias': 'comparators',
            },
        ],
        'computed_fields': [],
        'collect_init_only': False,
    },
    'post_init': False,
    'frozen': False,
    'slots': True,
    'config': {
        'extra_fields_behavior': 'forbid',
        'coerce_numbers_to_str': True,
        'allow_inf_nan': False,
        'title': 'Indicator',
    },
    'ref': 'cpstrategy.models.Indicator',
}

_PROGRESS = {
    'type': 'dataclass',
    'cls': models.Progress,
    'fields': [
        'date',
        'status',
        'note',
        'by',
    ],
    'schema': {
        'type': 'dataclass-args',
        'dataclass_name': 'Progress',
        'fields': [
            {
                'type': 'dataclass-field',
                'name': 'date',
                'schema': {
                    'type': 'function-before',
                    'function': {
                        'type': 'no-info',
                        'function': models.IsoDate.parse,
                    },
                    'schema': {
                        'type': 'date',
                    },
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'date',
                'serialization_alias': 'date',
            },
            {
                'type': 'dataclass-field',
                'name': 'status',
                'schema': {
                    'type': 'literal',
                    'expected': [
                        'not-started',
                        'on-track',
                        'at-risk',
                        'off-track',
                        'complete',
                        'withdrawn',
                    ],
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'status',
                'serialization_alias': 'status',
            },
            {
                'type': 'dataclass-field',
                'name': 'note',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'nullable',
                        'schema': {
                            'type': 'str',
                        },
                    },
                    'default': None,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'note',
                'serialization_alias': 'note',
            },
            {
                'type': 'dataclass-field',
                'name': 'by',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'nullable',
                        'schema': {
                            'type': 'str',
                        },
                    },
                    'default': None,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'by',
                'serialization_alias': 'by',
            },
        ],
        'computed_fields': [],
        'collect_init_only': False,
    },
    'post_init': False,
    'frozen': False,
    'slots': True,
    'config': {
        'extra_fields_behavior': 'forbid',
        'coerce_numbers_to_str': True,
        'allow_inf_nan': False,
        'title': 'Progress',
    },
    'ref': 'cpstrategy.models.Progress',
}

_ACTION = {
    'type': 'dataclass',
    'cls': models.Action,
    'fields': [
        'id',
        'activity',
        'priority',
        'theme',
        'lead',
        'timescale',
        'due',
        'measures',
        'progress',
    ],
    'schema': {
        'type': 'dataclass-args',
        'dataclass_name': 'Action',
        'fields': [
            {
                'type': 'dataclass-field',
                'name': 'id',
                'schema': {
                    'type': 'function-before',
                    'function': {
                        'type': 'no-info',
                        'function': models.Id.parse,
                    },
                    'schema': {
                        'type': 'str',
                        'pattern': '^[A-Za-z0-9][A-Za-z0-9._-]*$',
                        'max_length': 64,
                        'min_length': 1,
                    },
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'id',
                'serialization_alias': 'id',
            },
            {
                'type': 'dataclass-field',
                'name': 'activity',
                'schema': {
                    'type': 'str',
                    'pattern': '^\\s*\\S',
                    'min_length': 1,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'activity',
                'serialization_alias': 'activity',
            },
            {
                'type': 'dataclass-field',
                'name': 'priority',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'nullable',
                        'schema': {
                            'type': 'function-before',
                            'function': {
                                'type': 'no-info',
                                'function': models.Id.parse,
                            },
                            'schema': {
                                'type': 'str',
                                'pattern': '^[A-Za-z0-9][A-Za-z0-9._-]*$',
                                'max_length': 64,
                                'min_length': 1,
                            },
                        },
                    },
                    'default': None,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'priority',
                'serialization_alias': 'priority',
            },
            {
                'type': 'dataclass-field',
                'name': 'theme',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'nullable',
                        'schema': {
                            'type': 'function-before',
                            'function': {
                                'type': 'no-info',
                                'function': models.Id.parse,
                            },
                            'schema': {
                                'type': 'str',
                                'pattern': '^[A-Za-z0-9][A-Za-z0-9._-]*$',
                                'max_length': 64,
                                'min_length': 1,
                            },
                        },
                    },
                    'default': None,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'theme',
                'serialization_alias': 'theme',
            },
            {
                'type': 'dataclass-field',
                'name': 'lead',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'function-before',
                        'function': {
                            'type': 'no-info',
                            'function': models.OneOrMany.parse,
                        },
                        'schema': {
                            'type': 'list',
                            'items_schema': {
                                'type': 'str',
                                'pattern': '^\\s*\\S',
                                'min_length': 1,
                            },
                        },
                    },
                    'default_factory': list,
                    'default_factory_takes_data': False,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'lead',
                'serialization_alias': 'lead',
            },
            {
                'type': 'dataclass-field',
                'name': 'timescale',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'nullable',
                        'schema': {
                            'type': 'str',
                        },
                    },
                    'default': None,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'timescale',
                'serialization_alias': 'timescale',
            },
            {
                'type': 'dataclass-field',
                'name': 'due',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'nullable',
                        'schema': {
                            'type': 'list',
                            'items_schema': {
                                'type': 'function-before',
                                'function': {
                                    'type': 'no-info',
                                    'function': models.IsoDate.parse,
                                },
                                'schema': {
                                    'type': 'date',
                                },
                            },
                        },
                    },
                    'default': None,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'due',
                'serialization_alias': 'due',
            },
            {
                'type': 'dataclass-field',
                'name': 'measures',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'function-before',
                        'function': {
                            'type': 'no-info',
                            'function': models.Blank.parse,
                        },
                        'schema': {
                            'type': 'list',
                            'items_schema': {
                                'type': 'tagged-union',
                                'choices': {
                                    'text': {
                                        'type': 'str',
                                        'min_length': 1,
                                    },
                                    'indicator': _INDICATOR,
                                },
                                'discriminator': models.TextOrIndicator.tag,
                            },
                        },
                    },
                    'default_factory': list,
                    'default_factory_takes_data': False,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'measures',
                'serialization_alias': 'measures',
            },
            {
                'type': 'dataclass-field',
                'name': 'progress',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'function-before',
                        'function': {
                            'type': 'no-info',
                            'function': models.Blank.parse,
                        },
                        'schema': {
                            'type': 'list',
                            'items_schema': _PROGRESS,
                        },
                    },
                    'default_factory': list,
                    'default_factory_takes_data': False,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'progress',
                'serialization_alias': 'progress',
            },
        ],
        'computed_fields': [],
        'collect_init_only': False,
    },
    'post_init': False,
    'frozen': False,
    'slots': True,
    'config': {
        'extra_fields_behavior': 'forbid',
        'coerce_numbers_to_str': True,
        'allow_inf_nan': False,
        'title': 'Action',
    },
    'ref': 'cpstrategy.models.Action',
}

_ACTIONS_FILE = {
    'type': 'dataclass',
    'cls': models.ActionsFile,
    'fields': [
        'actions',
        'strategy',
        'priority',
    ],
    'schema': {
        'type': 'dataclass-args',
        'dataclass_name': 'ActionsFile',
        'fields': [
            {
                'type': 'dataclass-field',
                'name': 'actions',
                'schema': {
                    'type': 'list',
                    'items_schema': _ACTION,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'actions',
                'serialization_alias': 'actions',
            },
            {
                'type': 'dataclass-field',
                'name': 'strategy',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'nullable',
                        'schema': {
                            'type': 'function-before',
                            'function': {
                                'type': 'no-info',
                                'function': models.Id.parse,
                            },
                            'schema': {
                                'type': 'str',
                                'pattern': '^[A-Za-z0-9][A-Za-z0-9._-]*$',
                                'max_length': 64,
                                'min_length': 1,
                            },
                        },
                    },
                    'default': None,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'strategy',
                'serialization_alias': 'strategy',
            },
            {
                'type': 'dataclass-field',
                'name': 'priority',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'nullable',
                        'schema': {
                            'type': 'function-before',
                            'function': {
                                'type': 'no-info',
                                'function': models.Id.parse,
                            },
                            'schema': {
                                'type': 'str',
                                'pattern': '^[A-Za-z0-9][A-Za-z0-9._-]*$',
                                'max_length': 64,
                                'min_length': 1,
                            },
                        },
                    },
                    'default': None,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'priority',
                'serialization_alias': 'priority',
            },
        ],
        'computed_fields': [],
        'collect_init_only': False,
    },
    'post_init': False,
    'frozen': False,
    'slots': True,
    'config': {
        'extra_fields_behavior': 'forbid',
        'coerce_numbers_to_str': True,
        'allow_inf_nan': False,
        'title': 'ActionsFile',
    },
    'ref': 'cpstrategy.models.ActionsFile',
}

_POINT = {
    'type': 'dataclass',
    'cls': models.Point,
    'fields': [
        'date',
        'value',
    ],
    'schema': {
        'type': 'dataclass-args',
        'dataclass_name': 'Point',
        'fields': [
            {
                'type': 'dataclass-field',
                'name': 'date',
                'schema': {
                    'type': 'function-before',
                    'function': {
                        'type': 'no-info',
                        'function': models.IsoDate.parse,
                    },
                    'schema': {
                        'type': 'date',
                    },
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'date',
                'serialization_alias': 'date',
            },
            {
                'type': 'dataclass-field',
                'name': 'value',
                'schema': {
                    'type': 'function-before',
                    'function': {
                        'type': 'no-info',
                        'function': models.Figure.parse,
                    },
                    'schema': {
                        'type': 'float',
                    },
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'value',
                'serialization_alias': 'value',
            },
        ],
        'computed_fields': [],
        'collect_init_only': False,
    },
    'post_init': False,
    'frozen': False,
    'slots': True,
    'config': {
        'extra_fields_behavior': 'forbid',
        'coerce_numbers_to_str': True,
        'allow_inf_nan': False,
        'title': 'Point',
    },
    'ref': 'cpstrategy.models.Point',
}

_ITEM = {
    'type': 'dataclass',
    'cls': models.Item,
    'fields': [
        'id',
        'you_said',
        'status',
        'raised',
        'from_',
        'we_did',
        'respond_by',
        'responded',
        'actions',
        'public',
    ],
    'schema': {
        'type': 'dataclass-args',
        'dataclass_name': 'Item',
        'fields': [
            {
                'type': 'dataclass-field',
                'name': 'id',
                'schema': {
                    'type': 'function-before',
                    'function': {
                        'type': 'no-info',
                        'function': models.Id.parse,
                    },
                    'schema': {
                        'type': 'str',
                        'pattern': '^[A-Za-z0-9][A-Za-z0-9._-]*$',
                        'max_length': 64,
                        'min_length': 1,
                    },
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'id',
                'serialization_alias': 'id',
            },
            {
                'type': 'dataclass-field',
                'name': 'you_said',
                'schema': {
                    'type': 'str',
                    'pattern': '^\\s*\\S',
                    'min_length': 1,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'you_said',
                'serialization_alias': 'you_said',
            },
            {
                'type': 'dataclass-field',
                'name': 'status',
                'schema': {
                    'type': 'literal',
                    'expected': [
                        'open',
                        'in-progress',
                        'done',
                        'not-possible',
                    ],
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'status',
                'serialization_alias': 'status',
            },
            {
                'type': 'dataclass-field',
                'name': 'raised',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'nullable',
                        'schema': {
                            'type': 'function-before',
                            'function': {
                                'type': 'no-info',
                                'function': models.IsoDate.parse,
                            },
                            'schema': {
                                'type': 'date',
                            },
                        },
                    },
                    'default': None,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'raised',
                'serialization_alias': 'raised',
            },
            {
                'type': 'dataclass-field',
                'name': 'from_',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'nullable',
                        'schema': {
                            'type': 'str',
                        },
                    },
                    'default': None,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'from',
                'serialization_alias': 'from',
            },
            {
                'type': 'dataclass-field',
                'name': 'we_did',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'nullable',
                        'schema': {
                            'type': 'str',
                        },
                    },
                    'default': None,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'we_did',
                'serialization_alias': 'we_did',
            },
            {
                'type': 'dataclass-field',
                'name': 'respond_by',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'nullable',
                        'schema': {
                            'type': 'function-before',
                            'function': {
                                'type': 'no-info',
                                'function': models.IsoDate.parse,
                            },
                            'schema': {
                                'type': 'date',
                            },
                        },
                    },
                    'default': None,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'respond_by',
                'serialization_alias': 'respond_by',
            },
            {
                'type': 'dataclass-field',
                'name': 'responded',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'nullable',
                        'schema': {
                            'type': 'function-before',
                            'function': {
                                'type': 'no-info',
                                'function': models.IsoDate.parse,
                            },
                            'schema': {
                                'type': 'date',
                            },
                        },
                    },
                    'default': None,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'responded',
                'serialization_alias': 'responded',
            },
            {
                'type': 'dataclass-field',
                'name': 'actions',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'function-before',
                        'function': {
                            'type': 'no-info',
                            'function': models.Blank.parse,
                        },
                        'schema': {
                            'type': 'list',
                            'items_schema': {
                                'type': 'function-before',
                                'function': {
                                    'type': 'no-info',
                                    'function': models.Id.parse,
                                },
                                'schema': {
                                    'type': 'str',
                                    'pattern': '^[A-Za-z0-9][A-Za-z0-9._-]*$',
                                    'max_length': 64,
                                    'min_length': 1,
                                },
                            },
                        },
                    },
                    'default_factory': list,
                    'default_factory_takes_data': False,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'actions',
                'serialization_alias': 'actions',
            },
            {
                'type': 'dataclass-field',
                'name': 'public',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'bool',
                        'strict': True,
                    },
                    'default': False,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'public',
                'serialization_alias': 'public',
            },
        ],
        'computed_fields': [],
        'collect_init_only': False,
    },
    'post_init': False,
    'frozen': False,
    'slots': True,
    'config': {
        'extra_fields_behavior': 'forbid',
        'coerce_numbers_to_str': True,
        'allow_inf_nan': False,
        'title': 'Item',
    },
    'ref': 'cpstrategy.models.Item',
}

_ITEMS_FILE = {
    'type': 'dataclass',
    'cls': models.ItemsFile,
    'fields': [
        'items',
    ],
    'schema': {
        'type': 'dataclass-args',
        'dataclass_name': 'ItemsFile',
        'fields': [
            {
                'type': 'dataclass-field',
                'name': 'items',
                'schema': {
                    'type': 'list',
                    'items_schema': _ITEM,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'items',
                'serialization_alias': 'items',
            },
        ],
        'computed_fields': [],
        'collect_init_only': False,
    },
    'post_init': False,
    'frozen': False,
    'slots': True,
    'config': {
        'extra_fields_behavior': 'forbid',
        'coerce_numbers_to_str': True,
        'allow_inf_nan': False,
        'title': 'ItemsFile',
    },
    'ref': 'cpstrategy.models.ItemsFile',
}

_BOARD = {
    'type': 'dataclass',
    'cls': models.Board,
    'fields': [
        'id',
        'name',
        'meetings',
    ],
    'schema': {
        'type': 'dataclass-args',
        'dataclass_name': 'Board',
        'fields': [
            {
                'type': 'dataclass-field',
                'name': 'id',
                'schema': {
                    'type': 'function-before',
                    'function': {
                        'type': 'no-info',
                        'function': models.Id.parse,
                    },
                    'schema': {
                        'type': 'str',
                        'pattern': '^[A-Za-z0-9][A-Za-z0-9._-]*$',
                        'max_length': 64,
                        'min_length': 1,
                    },
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'id',
                'serialization_alias': 'id',
            },
            {
                'type': 'dataclass-field',
                'name': 'name',
                'schema': {
                    'type': 'str',
                    'pattern': '^\\s*\\S',
                    'min_length': 1,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'name',
                'serialization_alias': 'name',
            },
            {
                'type': 'dataclass-field',
                'name': 'meetings',
                'schema': {
                    'type': 'default',
                    'schema': {
                        'type': 'function-before',
                        'function': {
                            'type': 'no-info',
                            'function': models.Blank.parse,
                        },
                        'schema': {
                            'type': 'list',
                            'items_schema': {
                                'type': 'function-before',
                                'function': {
                                    'type': 'no-info',
                                    'function': models.IsoDate.parse,
                                },
                                'schema': {
                                    'type': 'date',
                                },
                            },
                        },
                    },
                    'default_factory': list,
                    'default_factory_takes_data': False,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'meetings',
                'serialization_alias': 'meetings',
            },
        ],
        'computed_fields': [],
        'collect_init_only': False,
    },
    'post_init': False,
    'frozen': False,
    'slots': True,
    'config': {
        'extra_fields_behavior': 'forbid',
        'coerce_numbers_to_str': True,
        'allow_inf_nan': False,
        'title': 'Board',
    },
    'ref': 'cpstrategy.models.Board',
}

_BOARDS_FILE = {
    'type': 'dataclass',
    'cls': models.BoardsFile,
    'fields': [
        'boards',
    ],
    'schema': {
        'type': 'dataclass-args',
        'dataclass_name': 'BoardsFile',
        'fields': [
            {
                'type': 'dataclass-field',
                'name': 'boards',
                'schema': {
                    'type': 'list',
                    'items_schema': _BOARD,
                },
                'kw_only': False,
                'init': True,
                'validation_alias': 'boards',
                'serialization_alias': 'boards',
            },
        ],
        'computed_fields': [],
        'collect_init_only': False,
    },
    'post_init': False,
    'frozen': False,
    'slots': True,
    'config': {
        'extra_fields_behavior': 'forbid',
        'coerce_numbers_to_str': True,
        'allow_inf_nan': False,
        'title': 'BoardsFile',
    },
    'ref': 'cpstrategy.models.BoardsFile',
}

SCHEMAS = {
    'Strategy': _STRATEGY,
    'ActionsFile': {
        'type': 'definitions',
        'schema': _ACTIONS_FILE,
        'definitions': [
            _POINT,
        ],
    },
    'ItemsFile': _ITEMS_FILE,
    'BoardsFile': _BOARDS_FILE,
    'Action': {
        'type': 'definitions',
        'schema': _ACTION,
        'definitions': [
            _POINT,
        ],
    },
    'Item': _ITEM,
    'Board': _BOARD,
}
