"""What the services and the edges agree on, as data: the bureau's roles (``roles``), the name of every event
(``events``) and the one list of services (``services``). No behaviour, no dependencies: the kit, every
service, the gateway, the web app and the tools import it."""
