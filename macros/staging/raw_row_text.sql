{#-
    raw_row_text(columns, pii_columns=[], value_prefix=''): the raw row as one human-readable
    text, `col=value | col=value | ...`, with `<null>` for nulls and the personal-data columns
    replaced by `sha256:<hash>` (see pii_hash), so quarantine never shows them in clear.
    Values are the raw values cast to text, untrimmed: this is what the source held. Each
    value is read from the column `value_prefix ~ col` (a model that carries the raw values
    beside cleaned columns of the same names passes e.g. 'raw_'). The columns in
    `shown_when_set` appear only when they hold a value (not null, not blank): a column the
    contract gained later leaves the raw rows of tables without it as they read before.
-#}
{% macro raw_row_text(columns, pii_columns=[], value_prefix='', shown_when_set=[]) -%}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- set as_text = 'cast(' ~ value_prefix ~ column ~ ' as ' ~ dbt.type_string() ~ ')' -%}
        {%- if column in pii_columns -%}
            {%- set value = "'sha256:' || " ~ saas_retention.pii_hash(as_text) -%}
        {%- else -%}
            {%- set value = as_text -%}
        {%- endif -%}
        {%- set label = "'" ~ ('' if loop.first else ' | ') ~ column ~ "='" -%}
        {%- if column in shown_when_set -%}
            {%- do parts.append("case when trim(" ~ value ~ ") != '' then "
                                ~ dbt.concat([label, value]) ~ " else '' end") -%}
        {%- else -%}
            {%- do parts.append(label) -%}
            {%- do parts.append("coalesce(" ~ value ~ ", '<null>')") -%}
        {%- endif -%}
    {%- endfor -%}
    {{ dbt.concat(parts) }}
{%- endmacro %}
