"""One root for what the user is told: every error of the domain, the services and the reports
that carries a Dutch message derives from app.errors.UserError, so a view catches one type."""
from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import app
from app.errors import UserError

# Errors that are not for the user, each with why.
INTERNAL = {
    "app.io.readers._Forbidden": "the XML reader's own signal; read_grid turns it into an ImportFileError",
    "app.models.numbers.NumberError": "a programming guard; key_edit turns it into an EditError",
    "app.reports.document.BuildCancelled": "the user's own cancel: nothing to tell",
    "app.services.migrations.ValuesRefused": "rolls an upgrade back; workspace._upgrade turns it into a "
                                             "DamagedDataError",
}


def _domain_modules():
    for info in pkgutil.walk_packages(app.__path__, "app."):
        if not info.name.startswith("app.views"):
            yield importlib.import_module(info.name)


def _errors_defined_in_the_domain() -> dict[str, type]:
    found = {}
    for module in _domain_modules():
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, BaseException) and cls.__module__ == module.__name__:
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return found


def test_every_error_of_the_domain_is_a_user_error_or_listed_as_internal():
    errors = _errors_defined_in_the_domain()
    assert set(INTERNAL) <= set(errors)  # the list names classes that exist
    strays = sorted(name for name, cls in errors.items()
                    if not issubclass(cls, UserError) and name not in INTERNAL)
    assert strays == []
    assert len([c for c in errors.values() if issubclass(c, UserError)]) >= 15


@pytest.mark.parametrize("name", sorted(n for n, c in _errors_defined_in_the_domain().items()
                                        if issubclass(c, UserError)))
def test_a_user_error_is_its_message_wherever_it_is_printed(name):
    cls = _errors_defined_in_the_domain()[name]
    error = cls.__new__(cls)
    UserError.__init__(error, "Het bedrag is te groot.")
    assert error.message == str(error) == "Het bedrag is te groot."
    assert error.args == ("Het bedrag is te groot.",)
