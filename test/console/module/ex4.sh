# 1. Setup
kubectl create namespace logic-test
kubectl label namespace logic-test env=test

kubectl create deployment target --image=nginx -n logic-test
kubectl expose deployment target --port=80 -n logic-test

kubectl create deployment allowed --image=busybox -n logic-test -- sleep 3600
kubectl label deployment allowed app=allowed -n logic-test

kubectl create deployment denied --image=busybox -n logic-test -- sleep 3600

# 2. Apply a policy with AND logic
cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: and-policy
  namespace: logic-test
spec:
  podSelector:
    matchLabels:
      app: target
  policyTypes:
  - Ingress
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: allowed
      namespaceSelector:
        matchLabels:
          env: test
    ports:
    - port: 80
EOF

# 3. Test from "allowed" pod (should work — matches both selectors)
kubectl exec -n logic-test deploy/allowed -- wget -qO- --timeout=3 http://target

# 4. Test from "denied" pod (should fail — doesn't match podSelector)
kubectl exec -n logic-test deploy/denied -- wget -qO- --timeout=3 http://target

# 5. Clean up
kubectl delete namespace logic-test
