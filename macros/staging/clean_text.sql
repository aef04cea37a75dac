{#-
    clean_text(column): the raw value as text with NUL bytes removed and white space trimmed
    from both ends (the space, tabs and line breaks, the no-break spaces and every other
    Unicode white space, the zero-width space and the byte-order mark); empty or blank text
    becomes null. The same characters are trimmed on every engine (a plain trim() removes
    only the space). PostgreSQL text cannot hold a NUL byte, so only the other engines strip it.
-#}
{% macro clean_text(column) -%}
    nullif(
        trim(both '{{ saas_retention._white_space_characters() }}' from
            {{ saas_retention.remove_nul_bytes('cast(' ~ column ~ ' as ' ~ dbt.type_string() ~ ')') }}),
        ''
    )
{%- endmacro %}

{#- Unicode's White_Space characters, the zero-width space and the byte-order mark. -#}
{% macro _white_space_characters() -%}
    {{- " \t\n\u000b\u000c\r\u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
        ~ "\u2007\u2008\u2009\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ufeff" -}}
{%- endmacro %}
