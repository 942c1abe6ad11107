from __future__ import annotations

from django import forms

from .models import Action


class ResponseForm(forms.Form):
    activity = forms.SlugField(error_messages={"required": "Choose an activity."})
    idea = forms.IntegerField(required=False, min_value=1,
                              error_messages={"invalid": "Enter the idea's number."})
    theme_key = forms.CharField(required=False, max_length=80)
    title = forms.CharField(max_length=200, error_messages={"required": "Give it a title."})
    body = forms.CharField(max_length=5000,
                           error_messages={"required": "Say what you heard and what you are "
                                                       "doing about it."})


class ActionForm(forms.Form):
    title = forms.CharField(max_length=200, error_messages={"required": "Name the action."})
    owner = forms.CharField(max_length=200,
                            error_messages={"required": "Name the team or role that owns it."})
    status = forms.ChoiceField(choices=Action.Status.choices)
    due_date = forms.DateField(required=False, input_formats=["%Y-%m-%d"],
                               error_messages={"invalid": "Enter a date like 2027-03-31."})
    progress = forms.IntegerField(min_value=0, max_value=100, initial=0,
                                  error_messages={"min_value": "Progress is 0 to 100.",
                                                  "max_value": "Progress is 0 to 100.",
                                                  "invalid": "Progress is 0 to 100."})
    reason = forms.CharField(required=False, max_length=2000)


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(choices=Action.Status.choices)
    progress = forms.IntegerField(min_value=0, max_value=100,
                                  error_messages={"min_value": "Progress is 0 to 100.",
                                                  "max_value": "Progress is 0 to 100.",
                                                  "invalid": "Progress is 0 to 100."})
    note = forms.CharField(required=False, max_length=2000)
    reason = forms.CharField(required=False, max_length=2000)
