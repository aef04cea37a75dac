{#-
    policy(name): the value of a policy variable (how the business counts; README "Policies"),
    checked: a value outside the policy's choices stops the build with a message that names
    the variable, what it got and what it accepts. Every default gives the numbers the project
    gave before the policy existed. A policy of whole days returns none (unset) or an integer,
    a count of months an integer of 1 or more, a yes-or-no policy a boolean.
-#}
{% macro policy(name) -%}
    {%- set choices = {
        'nps_answers_counted': ['latest_per_user_month', 'all'],
        'past_due_grace_days': 'optional whole days',
        'reactivation_min_gap_months': 'whole months from 1',
        'free_plan_is_churn': 'boolean',
    } -%}
    {%- if name not in choices -%}
        {{ exceptions.raise_compiler_error("policy(): unknown policy '" ~ name ~ "'.") }}
    {%- endif -%}
    {%- set value = var(name) -%}
    {%- if choices[name] == 'optional whole days' -%}
        {%- if value is none or value | string | lower in ('', 'none', 'null') -%}
            {{ return(none) }}
        {%- endif -%}
        {%- if not modules.re.match('^[0-9]+$', value | string) -%}
            {{ exceptions.raise_compiler_error(
                "The variable " ~ name ~ " must be a whole number of days (0 or more) or null, "
                ~ "got '" ~ value ~ "'.") }}
        {%- endif -%}
        {{ return(value | int) }}
    {%- endif -%}
    {%- if choices[name] == 'whole months from 1' -%}
        {%- if not modules.re.match('^[0-9]+$', value | string) or value | int < 1 -%}
            {{ exceptions.raise_compiler_error(
                "The variable " ~ name ~ " must be a whole number of months (1 or more), "
                ~ "got '" ~ value ~ "'.") }}
        {%- endif -%}
        {{ return(value | int) }}
    {%- endif -%}
    {%- if choices[name] == 'boolean' -%}
        {%- if value | string | lower not in ('true', 'false') -%}
            {{ exceptions.raise_compiler_error(
                "The variable " ~ name ~ " must be true or false, got '" ~ value ~ "'.") }}
        {%- endif -%}
        {{ return(value | string | lower == 'true') }}
    {%- endif -%}
    {%- if value | string not in choices[name] -%}
        {{ exceptions.raise_compiler_error(
            "The variable " ~ name ~ " must be one of " ~ choices[name] | join(', ')
            ~ ", got '" ~ value ~ "'.") }}
    {%- endif -%}
    {{ return(value | string) }}
{%- endmacro %}
