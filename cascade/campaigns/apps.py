from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "cascade.campaigns"
    label = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self) -> None:
        from cascade.core.registry import ModelScope, register_scopes
        from cascade.core.scopes import register_holder

        from .models import SteeringAssignment

        # A role held over a steering group covers the units assigned to the group.
        register_holder(
            "steering_group",
            lambda ids: SteeringAssignment.objects.filter(group_id__in=ids),
            rows={"campaigns.steeringgroup": "pk", "campaigns.steeringgroupmember": "group"},
        )
        register_scopes(
            {
                "campaigns.campaign": ModelScope(None, "campaign.campaign"),
                "campaigns.campaignphrase": ModelScope(None, "campaign.campaign"),
                "campaigns.campaignphase": ModelScope(None, "campaign.campaign"),
                "campaigns.campaignscope": ModelScope("unit", "campaign.campaign"),
                "campaigns.workplan": ModelScope("unit", "campaign.campaign"),
                "campaigns.reading": ModelScope(None, "campaign.study"),
                "campaigns.studyactivity": ModelScope("unit", "campaign.study"),
                "campaigns.studysession": ModelScope("activity__unit", "campaign.study"),
                "campaigns.studyattendance": ModelScope("activity__unit", "campaign.study"),
                "campaigns.sessioncheckin": ModelScope("session__activity__unit", "campaign.study"),
                "campaigns.researchmethod": ModelScope(None, "campaign.research"),
                "campaigns.researchtopic": ModelScope("unit", "campaign.research"),
                "campaigns.fieldvisit": ModelScope("unit", "campaign.research"),
                "campaigns.adoptedmeasure": ModelScope("topic__unit", "campaign.research"),
                "campaigns.steeringgroup": ModelScope("unit", "campaign.supervision"),
                "campaigns.steeringgroupmember": ModelScope("group__unit", "campaign.supervision"),
                "campaigns.steeringassignment": ModelScope("unit", "campaign.supervision"),
                "campaigns.supervisionvisit": ModelScope("unit", "campaign.supervision"),
                "campaigns.supervisionfinding": ModelScope("visit__unit", "campaign.supervision"),
                "campaigns.rectificationitem": ModelScope("unit", "campaign.rectification"),
                "campaigns.rectificationevent": ModelScope("item__unit", "campaign.rectification"),
                "campaigns.rectificationevidence": ModelScope("item__unit", "campaign.rectification"),
                "campaigns.counterpartorganisation": ModelScope(None, "campaign.outreach"),
                "campaigns.outreachevent": ModelScope("unit", "campaign.outreach"),
            }
        )
