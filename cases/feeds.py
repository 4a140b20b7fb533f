from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Case


class LatestCasesFeed(Feed):
    title = _("Xiezuo: latest East–West cooperation cases")
    description = _("New case stories from China's East–West cooperation programme.")

    def link(self):
        return reverse("cases:case_list")

    def items(self):
        return Case.objects.published()[:20]

    def item_title(self, case):
        return case.title

    def item_description(self, case):
        return case.standfirst

    def item_pubdate(self, case):
        return case.published_at

    def item_updateddate(self, case):
        return case.updated_at
