"""content/data/editor.yml: where the browser editor at /admin/ saves what staff write."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from recovery_college.content.models import Choices, NonEmpty, Strict

Host = Annotated[
    Literal["github", "gitlab", "gitea"],
    Choices(github="GitHub", gitlab="GitLab", gitea="Gitea eller Forgejo"),
]


class EditorSettings(Strict):
    """The school's git host. Without this file the editor works only on a folder on the PC
    (see the README, "Edit in the browser")."""

    model_config = ConfigDict(title="Redigering i browseren")

    host: Host = Field(
        title="Git-tjeneste",
        description="Den tjeneste, hvor skolens filer ligger: github, gitlab eller gitea.",
        examples=["gitlab"],
    )
    repo: NonEmpty = Field(
        title="Projekt",
        description='Ejer og navn på projektet hos tjenesten, med skråstreg, fx "skolen/hjemmeside".',
        examples=["recoveryskolen/hjemmeside"],
        pattern=r"^[\w.-]+(/[\w.-]+)+$",
    )
    branch: NonEmpty = Field(
        "main",
        title="Gren",
        description="Den gren, der bygges og lægges på nettet. Som regel main.",
        examples=["main"],
    )
    address: NonEmpty | None = Field(
        None,
        title="Egen server",
        description=(
            "Kun hvis kommunen har sin egen GitLab eller Gitea: adressen, "
            'fx "https://git.kommune.dk". Tom betyder gitlab.com, github.com eller gitea.com.'
        ),
        examples=["https://git.eksempelby.dk"],
        pattern=r"^https://[^\s/]+$",
    )
    app_id: NonEmpty | None = Field(
        None,
        title="App-id (GitLab og Gitea)",
        description=(
            "Id'et på den OAuth-app, skolen har oprettet hos GitLab eller Gitea, så "
            "medarbejdere kan logge ind uden en server. Se README."
        ),
        examples=["5c4f0e0c1d2b3a49"],
    )

    def api_origin(self) -> str:
        """The one host the editor may talk to, besides the site itself."""
        if self.address:
            return self.address
        return {
            "github": "https://api.github.com",
            "gitlab": "https://gitlab.com",
            "gitea": "https://gitea.com",
        }[self.host]
