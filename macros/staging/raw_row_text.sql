{#-
    raw_row_text(columns, pii_columns=[], value_prefix=''): the raw row as one human-readable
    text, `col=value | col=value | ...`, with `<null>` for nulls and the personal-data columns
    replaced by `sha256:<hash>` (see pii_hash), so quarantine never shows them in clear.
    Values are the raw values cast to text, untrimmed: this is what the source held. Each
    value is read from the column `value_prefix ~ col` (a model that carries the raw values
    beside cleaned columns of the same names passes e.g. 'raw_').
-#}
{% macro raw_row_text(columns, pii_columns=[], value_prefix='') -%}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- set as_text = 'cast(' ~ value_prefix ~ column ~ ' as ' ~ dbt.type_string() ~ ')' -%}
        {%- if column in pii_columns -%}
            {%- set value = "'sha256:' || " ~ saas_retention.pii_hash(as_text) -%}
        {%- else -%}
            {%- set value = as_text -%}
        {%- endif -%}
        {%- do parts.append("'" ~ ('' if loop.first else ' | ') ~ column ~ "='") -%}
        {%- do parts.append("coalesce(" ~ value ~ ", '<null>')") -%}
    {%- endfor -%}
    {{ dbt.concat(parts) }}
{%- endmacro %}
