{#-
    number_check(text_expr, column, kind): why a trimmed raw number cannot be used, or null
    when it can: `invalid number: <column>` when the text is not a decimal number ('12,5',
    'n/a', 'inf'; for a count also a number that is not whole, '7.5'), `number out of range:
    <column>` when it is one but does not fit its kind (raw_number_kinds: '1e+22' as an
    amount, '1e9' seats). Null text passes (the required-value check speaks for it).
-#}
{% macro number_check(text_expr, column, kind) -%}
    case
        when {{ text_expr }} is null then null
        when not {{ saas_retention._is_number_text(text_expr) }}
            then 'invalid number: {{ column }}'
        when not {{ saas_retention._number_in_range(text_expr, kind) }}
            then 'number out of range: {{ column }}'
        {%- if kind == 'count' %}
        when cast({{ text_expr }} as {{ saas_retention.type_double() }})
            != floor(cast({{ text_expr }} as {{ saas_retention.type_double() }}))
            then 'invalid number: {{ column }}'
        {%- endif %}
    end
{%- endmacro %}

{#- a decimal number as text: '12', '-3.50', '.5', '12.', '6.3e-05', '1.0E22' -#}
{% macro _is_number_text(text_expr) -%}
    {{ saas_retention.regexp_like(
        text_expr, "'^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]{1,3})?$'") }}
{%- endmacro %}

{#- a number's magnitude below its kind's bound; text too long or with an exponent of 100 or
    more is out of range without a cast (which would overflow a double on some engines) -#}
{% macro _number_in_range(text_expr, kind) -%}
    case
        when length({{ text_expr }}) > 100
            or {{ saas_retention.regexp_like(text_expr, "'[eE][+]?[0-9]{3}$'") }} then false
        else abs(cast({{ text_expr }} as {{ saas_retention.type_double() }}))
            < {{ saas_retention.raw_number_kinds()[kind]['below'] }}
    end
{%- endmacro %}
