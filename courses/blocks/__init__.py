"""StreamField blocks of the campus, grouped by theme (text, emphasis, media, resources)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from courses.blocks.basics import (
    CodeBlock,
    HeadingBlock,
    KeyTakeawaysBlock,
    ParagraphBlock,
    QuoteBlock,
)
from courses.blocks.emphasis import AccordionBlock, AlertBlock, CalloutBlock
from courses.blocks.media import AudioBlock, DocumentBlock, FigureBlock, VideoBlock
from courses.blocks.resources import ExternalResourceBlock


class LessonBodyBlock(blocks.StreamBlock):
    """The body of a lesson."""

    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    image = FigureBlock()
    video = VideoBlock()
    audio = AudioBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    alert = AlertBlock()
    accordion = AccordionBlock()
    quote = QuoteBlock()
    code = CodeBlock()
    external_resource = ExternalResourceBlock()
    key_takeaways = KeyTakeawaysBlock()

    class Meta:
        label = _("Contenu de la leçon")


__all__ = [
    "AccordionBlock",
    "AlertBlock",
    "AudioBlock",
    "CalloutBlock",
    "CodeBlock",
    "DocumentBlock",
    "ExternalResourceBlock",
    "FigureBlock",
    "HeadingBlock",
    "KeyTakeawaysBlock",
    "LessonBodyBlock",
    "ParagraphBlock",
    "QuoteBlock",
    "VideoBlock",
]
