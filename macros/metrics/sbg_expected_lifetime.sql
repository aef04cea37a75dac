{#- sbg_expected_lifetime(alpha, beta): mean lifetime in periods of the sBG model,
    (alpha + beta - 1) / (alpha - 1) when alpha > 1; null otherwise (the mean is infinite: a
    share of customers practically never leaves). -#}
{% macro sbg_expected_lifetime(alpha, beta) -%}
    case
        when ({{ alpha }}) > 1 then (({{ alpha }}) + ({{ beta }}) - 1) / (({{ alpha }}) - 1)
    end
{%- endmacro %}
