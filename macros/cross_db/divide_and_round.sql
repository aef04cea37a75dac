{#-
    divide_and_round(numerator, divisor, scale): numerator / divisor rounded to `scale`
    decimals, half away from zero, computed exactly: `numerator` is an exact decimal and
    `divisor` a positive whole number. Postgres and Spark divide decimals exactly. DuckDB
    divides decimals in double precision, which can land a half-cent tie (100.005) a hair below
    and round it down, so there the double quotient only seeds an integer that is then
    corrected with exact decimal comparisons.
-#}
{% macro divide_and_round(numerator, divisor, scale) -%}
    {{ return(adapter.dispatch('divide_and_round', 'saas_retention')(numerator, divisor, scale)) }}
{%- endmacro %}

{% macro default__divide_and_round(numerator, divisor, scale) -%}
    round(({{ numerator }}) / {{ divisor }}, {{ scale }})
{%- endmacro %}

{% macro duckdb__divide_and_round(numerator, divisor, scale) -%}
    {#- With units = |numerator| x 10^scale, the answer is sign x n / 10^scale where n is the
        integer with 2 x divisor x n <= 2 x units + divisor < 2 x divisor x (n + 1): estimated
        in double precision, then moved by one where an exact decimal comparison says so. -#}
    {%- set twice_units_plus = '(2 * abs(' ~ numerator ~ ') * ' ~ (10 ** scale) ~ ' + '
        ~ divisor ~ ')' -%}
    {%- set estimate = 'cast(floor(' ~ twice_units_plus ~ ' / ' ~ (2 * divisor)
        ~ ') as decimal(38, 0))' -%}
    {%- set unit = '0.' ~ ('0' * (scale - 1)) ~ '1' if scale > 0 else '1' -%}
    sign({{ numerator }}) * (
        {{ estimate }}
        + case
            when ({{ estimate }} + 1) * {{ 2 * divisor }} <= {{ twice_units_plus }} then 1
            when {{ estimate }} * {{ 2 * divisor }} > {{ twice_units_plus }} then -1
            else 0
        end
    ) * {{ unit }}
{%- endmacro %}
