from flask import Flask, request

app = Flask(__name__)
historial = []


@app.route("/logs", methods=["GET"])
def logs():
    return "\n".join(historial)
