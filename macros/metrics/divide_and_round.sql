{#-
    divide_and_round(numerator, divisor, scale): numerator / divisor rounded to `scale`
    decimals, half away from zero, computed exactly on every engine: `numerator` is an exact
    decimal and `divisor` a positive whole number. No engine's decimal division is trusted
    with the last digit (DuckDB divides decimals in double precision; PostgreSQL and Spark
    round the quotient to a scale of their own first, which can move a value a hair below a
    half-cent onto it). A double-precision quotient only seeds the answer n (in units of
    10^-scale); exact decimal comparisons of the numerator with (n +/- 1/2) x divisor x
    10^-scale then move it by one where needed. The comparisons stay at the numerator's own
    magnitude, so nothing overflows. n is declared with 15 digits (results below 10^13 at
    two decimals): a narrow type keeps the comparison exact on Spark, which compares two
    decimals in a common type that keeps the wider integer part and cuts the scale to fit.
-#}
{% macro divide_and_round(numerator, divisor, scale) -%}
    {%- set step = (divisor * 10 ** (-scale)) -%}
    {%- set step_literal = '%.*f' | format(scale, step) if scale > 0 else divisor | string -%}
    {%- set unit = '0.' ~ ('0' * (scale - 1)) ~ '1' if scale > 0 else '1' -%}
    {%- set magnitude = 'abs(' ~ numerator ~ ')' -%}
    {%- set estimate = 'cast(floor(cast(' ~ magnitude ~ ' as ' ~ saas_retention.type_double()
        ~ ') * ' ~ (10 ** scale) ~ ' / ' ~ divisor ~ ' + 0.5) as decimal(15, 0))' -%}
    case when {{ numerator }} < 0 then -1 else 1 end * (
        {{ estimate }}
        + case
            when ({{ estimate }} + 0.5) * {{ step_literal }} <= {{ magnitude }} then 1
            when ({{ estimate }} - 0.5) * {{ step_literal }} > {{ magnitude }} then -1
            else 0
        end
    ) * {{ unit }}
{%- endmacro %}
