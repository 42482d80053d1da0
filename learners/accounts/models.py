"""The administrative hierarchy: ministère → direction → sous-direction → bureau.

The campus user: every public agent, whatever their role. E-mail is the login.
"""

from django.contrib.auth.models import AbstractUser, BaseUserManager
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


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A public agent. Trainers, reviewers, managers and administrators are agents too."""

    username = None
    email = models.EmailField(_("adresse électronique"), unique=True)
    first_name = models.CharField(_("prénom"), max_length=150)
    last_name = models.CharField(_("nom"), max_length=150)
    org_unit = models.ForeignKey(
        "learners.OrgUnit",
        verbose_name=_("unité"),
        related_name="agents",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    managed_units = models.ManyToManyField(
        "learners.OrgUnit",
        verbose_name=_("unités encadrées"),
        related_name="managers",
        blank=True,
        help_text=_("Le responsable voit ces unités et toutes celles qui en dépendent."),
    )
    # Identity from ProConnect, kept for the agent's organisation and for support.
    proconnect_uid = models.CharField(_("identifiant ProConnect"), max_length=255, blank=True)
    siret = models.CharField(_("SIRET de l’organisation"), max_length=14, blank=True)
    organization_label = models.CharField(_("organisation"), max_length=255, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("agent")
        verbose_name_plural = _("agents")
        ordering = ["last_name", "first_name"]
        indexes = [
            # Mon équipe's agents table, sorted by name: its first page over a whole
            # organisation (100,000 agents) walks this index instead of sorting every agent.
            models.Index(fields=["last_name", "first_name", "id"], name="learners_user_name_order"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def has_name(self) -> bool:
        """The agent gave a first and a last name (not an address): certificates are issued in
        their name only, never in their e-mail address."""
        names = (self.first_name.strip(), self.last_name.strip())
        return all(names) and not any("@" in name for name in names)

    def save(self, *args, **kwargs):
        self.email = self.email.lower()
        super().save(*args, **kwargs)
