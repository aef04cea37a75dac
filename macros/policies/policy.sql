{#-
    policy(name): the value of a policy variable (how the business counts; README "Policies"),
    checked: a value outside the policy's choices stops the build with a message that names
    the variable, what it got and what it accepts. Every default gives the numbers the project
    gave before the policy existed. A policy counted in whole days or months returns an
    integer (none while an optional one is unset), a yes-or-no policy a boolean, a policy of
    named choices its choice as text.
-#}
{% macro policy(name) -%}
    {%- set policies = {
        'nps_answers_counted': {'one_of': ['latest_per_user_month', 'all']},
        'churn_recognition': {'one_of': ['period_end', 'cancellation']},
        'mrr_basis': {'one_of': ['net', 'list']},
        'fx_basis': {'one_of': ['contract', 'monthly']},
        'past_due_grace_days': {'whole': 'days', 'least': 0, 'nullable': true},
        'reactivation_min_gap_months': {'whole': 'months', 'least': 1, 'nullable': false},
        'free_plan_is_churn': {'one_of': ['true', 'false'], 'boolean': true},
    } -%}
    {%- if name not in policies -%}
        {{ exceptions.raise_compiler_error("policy(): unknown policy '" ~ name ~ "'.") }}
    {%- endif -%}
    {%- set accepted = policies[name] -%}
    {%- set value = var(name) -%}
    {%- if 'one_of' in accepted -%}
        {%- set text = value | string | lower if accepted.get('boolean') else value | string -%}
        {%- if text not in accepted['one_of'] -%}
            {{ exceptions.raise_compiler_error(
                "The variable " ~ name ~ " must be one of " ~ accepted['one_of'] | join(', ')
                ~ ", got '" ~ value ~ "'.") }}
        {%- endif -%}
        {{ return(text == 'true' if accepted.get('boolean') else text) }}
    {%- endif -%}
    {%- if accepted['nullable']
          and (value is none or value | string | lower in ('', 'none', 'null')) -%}
        {{ return(none) }}
    {%- endif -%}
    {%- if not modules.re.match('^[0-9]+$', value | string) or value | int < accepted['least'] -%}
        {{ exceptions.raise_compiler_error(
            "The variable " ~ name ~ " must be a whole number of " ~ accepted['whole'] ~ " ("
            ~ accepted['least'] ~ " or more)" ~ (" or null" if accepted['nullable'] else "")
            ~ ", got '" ~ value ~ "'.") }}
    {%- endif -%}
    {{ return(value | int) }}
{%- endmacro %}
