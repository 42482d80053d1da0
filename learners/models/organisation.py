"""The administrative hierarchy: ministère → direction → sous-direction → bureau."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet


class OrgUnitQuerySet(MP_NodeQuerySet):
    def descendants_of(self, units):
        """`units` and every unit under them (materialised paths: one query on prefixes)."""
        condition = models.Q(pk__in=[])
        for unit in units:
            condition |= models.Q(path__startswith=unit.path)
        return self.filter(condition)


class OrgUnitManager(MP_NodeManager):
    def get_queryset(self):
        return OrgUnitQuerySet(self.model).order_by("path")

    def descendants_of(self, units):
        return self.get_queryset().descendants_of(units)


class OrgUnit(MP_Node):
    """An organisation unit. Agents belong to one; managers are responsible for some."""

    class Kind(models.TextChoices):
        MINISTRY = "ministere", _("Ministère")
        DIRECTION = "direction", _("Direction")
        SUB_DIRECTION = "sous_direction", _("Sous-direction")
        OFFICE = "bureau", _("Bureau")

    name = models.CharField(_("nom"), max_length=255)
    code = models.SlugField(
        _("code"),
        max_length=100,
        unique=True,
        help_text=_("Identifiant stable, utilisé par les imports RH."),
    )
    kind = models.CharField(_("niveau"), max_length=20, choices=Kind.choices)

    objects = OrgUnitManager()

    class Meta:
        verbose_name = _("unité")
        verbose_name_plural = _("unités")

    def __str__(self) -> str:
        return self.name

    def subtree(self):
        """This unit and every unit below it, in one query."""
        return OrgUnit.objects.filter(path__startswith=self.path)
